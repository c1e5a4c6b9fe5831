"""Service control policies put guardrails around every account of the organization."""

import pytest

from compliance.evidence import Finding, root_arn

# The SCP AWS attaches everywhere by default: it allows everything and guards nothing.
FULL_ACCESS = "p-FullAWSAccess"


def guardrails(path):
    """Names of the SCPs other than FullAWSAccess on an account's path to the root."""
    return sorted({p["Name"] for level in path for p in level["Policies"] if p["Id"] != FULL_ACCESS})


@pytest.mark.control("organization-guardrails")
def test_organization_guardrails(organization_guardrails, management_account, partition, evidence):
    evidence.record("guardrails", organization_guardrails)
    roots = organization_guardrails["Roots"]
    enabled = all(any(t["Type"] == "SERVICE_CONTROL_POLICY" and t["Status"] == "ENABLED"
                      for t in root.get("PolicyTypes", [])) for root in roots)
    if not enabled:
        findings = [Finding(root_arn(partition, management_account.id),
                            "service control policies are not enabled at the organization's root",
                            "aws organizations enable-policy-type --root-id <root> --policy-type SERVICE_CONTROL_POLICY")]
    else:
        findings = [Finding(root_arn(partition, account_id), "no service control policy other than FullAWSAccess "
                                                             "applies to the account",
                            "attach guardrail SCPs (deny leaving the organization, disabling CloudTrail, GuardDuty "
                            "and Config, using unapproved regions) to the root or the account's OU")
                    for account_id, path in organization_guardrails["Accounts"].items()
                    if account_id != management_account.id and not guardrails(path)]  # SCPs never bind it
    evidence.verdict(findings)
