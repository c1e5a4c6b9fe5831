"""Every account in scope is covered by a logging organization trail."""

import pytest

from compliance.evidence import Finding


@pytest.mark.control("cloudtrail-member-coverage")
def test_cloudtrail_member_coverage(organization_trail_coverage, account_target, account_arn, evidence):
    evidence.record("organization_trails_visible", organization_trail_coverage)
    findings = []
    if any(t.get("IsMultiRegionTrail") and t["Status"].get("IsLogging") for t in organization_trail_coverage):
        pass
    elif organization_trail_coverage:
        visible = ", ".join(t["TrailARN"] for t in organization_trail_coverage)
        findings.append(Finding(account_arn, f"organization trail(s) {visible} are visible but none is multi-region "
                                "and logging", "start logging on the multi-region organization trail"))
    else:
        findings.append(Finding(account_arn, f"no organization trail covers account {account_target.id}",
                                "bring the account into the AWS Organization that owns the organization trail"))
    evidence.verdict(findings)
