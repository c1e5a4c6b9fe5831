"""No attached managed policy, nor (by default) any customer-managed one,
allows '*' on '*'."""

import pytest

from compliance.evidence import Finding
from compliance.policy_language import matches_any, statements


def full_admin_statements(document):
    """Allow statements whose patterns match "*:*" and "*" written as names:
    they match every action and every resource."""
    return [s for s in statements(document) if s.get("Effect") == "Allow"
            and matches_any(s.get("Action"), "*:*", False) and matches_any(s.get("Resource"), "*", False)]


@pytest.mark.control("iam-no-full-admin-policies")
def test_iam_no_full_admin_policies(attached_managed_policies, customer_managed_policies, params, evidence):
    judged = {p["Arn"]: p for p in attached_managed_policies}
    if params["unattached_customer_policies"]:
        judged.update((p["Arn"], p) for p in customer_managed_policies)
    evidence.record("policies", [{k: p[k] for k in ("Arn", "AttachmentCount", "Document")}
                                 for p in judged.values()])
    findings = [
        Finding(policy["Arn"], f"allows every action on every resource and is attached {policy['AttachmentCount']} "
                               f"time(s)", "detach it and grant least privilege instead; delete it if unused")
        for policy in judged.values() if full_admin_statements(policy["Document"])
    ]
    evidence.verdict(findings)
