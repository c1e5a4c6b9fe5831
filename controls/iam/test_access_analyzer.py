"""IAM Access Analyzer watches for external access in every region."""

import pytest

from compliance.evidence import Finding

# Analyzer types that find external access (the *_UNUSED_ACCESS types do not).
EXTERNAL_ACCESS = ("ACCOUNT", "ORGANIZATION")


def active(analyzers):
    return [a["arn"] for a in analyzers if a.get("status") == "ACTIVE" and a.get("type") in EXTERNAL_ACCESS]


@pytest.mark.control("access-analyzer-enabled")
def test_access_analyzer_enabled(access_analyzers, region_target, partition, evidence):
    evidence.record("analyzers", access_analyzers)
    organization = access_analyzers["Organization"]
    covering = active(access_analyzers["Account"]) + active(organization["Analyzers"] if organization else [])
    evidence.record("covered_by", covering)
    if covering:
        return
    problem = f"no active external access analyzer covers {region_target.region}"
    if "Unreadable" in access_analyzers:
        problem += f" (organization analyzers not judged: {access_analyzers['Unreadable']})"
    elif organization:
        problem += f", in the account or for the organization (administrator {organization['AdministratorAccount']})"
    findings = [Finding(f"arn:{partition}:access-analyzer:{region_target.region}:{region_target.account.id}",
                        problem, f"aws accessanalyzer create-analyzer --region {region_target.region} "
                                 "--analyzer-name organization --type ORGANIZATION (in the administrator account), "
                                 "or --type ACCOUNT in this account")]
    evidence.verdict(findings)
