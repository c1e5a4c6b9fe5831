"""Who holds which IAM permissions: a support role exists, CloudShell full
access is held by nobody, users get permissions only through groups, and no
expired server certificate is kept."""

import pytest

from compliance.evidence import Finding, root_arn

HOLDER_KINDS = (("PolicyRoles", "role", "RoleName"), ("PolicyUsers", "user", "UserName"),
                ("PolicyGroups", "group", "GroupName"))


def holders(entities):
    """``"role Name"``-style names of every identity holding the policy."""
    return [f"{kind} {entity[name]}" for key, kind, name in HOLDER_KINDS for entity in entities[key]]


@pytest.mark.control("iam-support-role")
def test_iam_support_role(support_policy_entities, account_target, partition, evidence):
    evidence.record("AWSSupportAccess", support_policy_entities)
    findings = [] if support_policy_entities["PolicyRoles"] else [Finding(
        root_arn(partition, account_target.id), "no role has AWSSupportAccess attached",
        f"create a role for the incident team and aws iam attach-role-policy --policy-arn "
        f"{support_policy_entities['PolicyArn']}")]
    evidence.verdict(findings)


@pytest.mark.control("iam-cloudshell-restricted")
def test_iam_cloudshell_restricted(cloudshell_policy_entities, account_target, partition, evidence):
    evidence.record("AWSCloudShellFullAccess", cloudshell_policy_entities)
    findings = [Finding(root_arn(partition, account_target.id), f"AWSCloudShellFullAccess is attached to {holder}",
                        "detach it; grant CloudShell without file upload and download where it is needed")
                for holder in holders(cloudshell_policy_entities)]
    evidence.verdict(findings)


@pytest.mark.control("iam-user-permissions-through-groups")
def test_iam_user_permissions_through_groups(iam_users_with_policies, evidence):
    evidence.record("users", iam_users_with_policies)
    findings = []
    for user in iam_users_with_policies:
        direct = [f"inline policy {p['PolicyName']}" for p in user.get("UserPolicyList", [])]
        direct += [f"managed policy {p['PolicyArn']}" for p in user.get("AttachedManagedPolicies", [])]
        if direct:
            findings.append(Finding(user["Arn"], "has its own permissions: " + ", ".join(direct),
                                    "move the permissions to a group the user belongs to, then remove them "
                                    "from the user (aws iam detach-user-policy / delete-user-policy)"))
    evidence.verdict(findings)


@pytest.mark.control("iam-expired-server-certificates")
def test_iam_expired_server_certificates(iam_server_certificates, now, evidence):
    evidence.record("server_certificates", iam_server_certificates)
    findings = [Finding(c["Arn"], f"expired on {c['Expiration']:%Y-%m-%d}",
                        f"aws iam delete-server-certificate --server-certificate-name {c['ServerCertificateName']}")
                for c in iam_server_certificates if c["Expiration"] < now]
    evidence.verdict(findings)
