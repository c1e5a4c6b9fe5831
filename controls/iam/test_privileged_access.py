"""Privileged users and roles need MFA or a known network to use their privileges."""

import pytest

from compliance.evidence import Finding
from compliance.privilege import assumable_unguarded, merged, unguarded_actions

FIX = ("require MFA (a Deny with BoolIfExists aws:MultiFactorAuthPresent false) or a known network "
       "(aws:SourceIp, aws:SourceVpc, aws:SourceVpce) for the privileged actions")


def documents(entity, managed):
    """The entity's inline policy documents and those of its attached managed policies."""
    inline = [p["PolicyDocument"] for key in ("UserPolicyList", "GroupPolicyList", "RolePolicyList")
              for p in entity.get(key, [])]
    return inline + [managed[p["PolicyArn"]] for p in entity.get("AttachedManagedPolicies", []) if p["PolicyArn"] in managed]


def user_document(user, groups, managed):
    """One document of everything the user is allowed: its policies and its groups'."""
    return merged(documents(user, managed) + [d for name in user.get("GroupList", []) if name in groups
                                              for d in documents(groups[name], managed)])


def identity_findings(identities, actions, zone):
    managed = {p["Arn"]: p["Document"] for p in identities["ManagedPolicies"]}
    groups = {g["GroupName"]: g for g in identities["GroupDetailList"]}
    findings = []
    for user in identities["UserDetailList"]:
        unguarded = unguarded_actions(user_document(user, groups, managed), actions)
        if unguarded:
            findings.append(Finding(user["Arn"], f"may call {', '.join(unguarded)} without MFA from any network "
                                                 "(with its access keys, too)", FIX))
    for role in identities["RoleDetailList"]:
        callers = assumable_unguarded(role["AssumeRolePolicyDocument"], role["Arn"], zone)
        unguarded = unguarded_actions(merged(documents(role, managed)), actions) if callers else []
        if unguarded:
            findings.append(Finding(role["Arn"], f"may call {', '.join(unguarded)} and can be assumed by "
                                                 f"{', '.join(callers)} without MFA from any network",
                                    "add a Bool aws:MultiFactorAuthPresent true (or aws:SourceIp / aws:SourceVpce) "
                                    "condition to the trust policy's statements for AWS principals"))
    return findings


@pytest.mark.control("iam-privileged-access-guarded")
def test_iam_privileged_access_guarded(iam_identities, trust_zone, params, evidence):
    evidence.record("identities", iam_identities)
    evidence.record("trust_zone", trust_zone.summary())
    findings = identity_findings(iam_identities, params["privileged_actions"], trust_zone)
    evidence.verdict(findings)
