"""IAM policies do not hand out whole services, or decryption with every KMS key."""

import pytest

from compliance.evidence import Finding
from compliance.policy_language import as_list, matches_any, statements

DECRYPT_ACTIONS = ("kms:Decrypt", "kms:ReEncryptFrom")


def allows_everywhere(statement, action, resource):
    """True when an Allow statement grants ``action`` on every resource that
    ``resource`` (a name with wildcards, e.g. every key) stands for; patterns
    are compared as written and conditions are not weighed."""
    if statement.get("Effect") != "Allow":
        return False
    if "NotAction" in statement:
        acts = not matches_any(statement["NotAction"], action, False)
    else:
        acts = matches_any(statement.get("Action"), action, False)
    if "NotResource" in statement:
        return acts and not matches_any(statement["NotResource"], resource, False)
    return acts and matches_any(statement.get("Resource"), resource, False)


def decrypt_on_all_keys(document, partition):
    """The decryption actions a policy document allows on every KMS key."""
    every_key = f"arn:{partition}:kms:*:*:key/*"
    return [a for a in DECRYPT_ACTIONS if any(allows_everywhere(s, a, every_key) for s in statements(document))]


def whole_services(document):
    """The Action patterns of Allow statements that grant every action of a
    service ("s3:*", "*"); an Allow with NotAction grants whole services too."""
    found = []
    for statement in statements(document):
        if statement.get("Effect") != "Allow":
            continue
        if "NotAction" in statement:
            found.append(f"NotAction {statement['NotAction']}")
        found += [p for p in as_list(statement.get("Action")) if p == "*" or p.endswith(":*")]
    return found


def inline_policies(identities):
    """``(identity ARN, policy name, document)`` of every inline policy of a user, group or role."""
    for kind, policies in (("UserDetailList", "UserPolicyList"), ("GroupDetailList", "GroupPolicyList"),
                           ("RoleDetailList", "RolePolicyList")):
        for identity in identities[kind]:
            for policy in identity.get(policies, []):
                yield identity["Arn"], policy["PolicyName"], policy["PolicyDocument"]


@pytest.mark.control("iam-no-decrypt-on-all-keys")
def test_iam_no_decrypt_on_all_keys(customer_managed_policies, iam_identities, partition, evidence):
    inline = list(inline_policies(iam_identities))
    evidence.record("customer_managed_policies", [{k: p[k] for k in ("Arn", "AttachmentCount", "Document")}
                                                  for p in customer_managed_policies])
    evidence.record("inline_policies", [{"Identity": arn, "PolicyName": name, "Document": document}
                                        for arn, name, document in inline])
    scope = "name the keys (or alias/tag conditions) the job needs instead of every key"
    findings = [Finding(p["Arn"], f"allows {', '.join(actions)} on every KMS key", f"edit the policy: {scope}")
                for p in customer_managed_policies if (actions := decrypt_on_all_keys(p["Document"], partition))]
    findings += [Finding(arn, f"its inline policy {name} allows {', '.join(actions)} on every KMS key",
                         f"edit the inline policy: {scope}")
                 for arn, name, document in inline if (actions := decrypt_on_all_keys(document, partition))]
    evidence.verdict(findings)


@pytest.mark.control("iam-no-service-wildcard-actions")
def test_iam_no_service_wildcard_actions(customer_managed_policies, evidence):
    evidence.record("customer_managed_policies", [{k: p[k] for k in ("Arn", "AttachmentCount", "Document")}
                                                  for p in customer_managed_policies])
    evidence.verdict([
        Finding(p["Arn"], f"grants every action of a service: {', '.join(patterns)}",
                "list the actions the job needs (IAM Access Analyzer's policy generation drafts them from CloudTrail)")
        for p in customer_managed_policies if (patterns := whole_services(p["Document"]))])
