"""Privileged identities and the conditions that guard them.

An identity's effective policy is the union of its policies' statements (a
Deny in any wins, then any Allow), so the statements are merged into one
document and decided by ``policy_language.evaluate``. A privileged action is
"unguarded" when that document allows it to a caller without MFA, from a
network outside every CIDR the policy names, and outside any VPC.
"""

from compliance.policy_language import (
    ALLOW,
    OUTSIDER_ARN,
    Request,
    addresses_outside,
    as_list,
    evaluate,
    matches_any,
    principal_context,
    statements,
)

# A session without MFA, over TLS, not through an AWS service, from no VPC.
UNGUARDED_CONTEXT = {"aws:MultiFactorAuthPresent": "false", "aws:SecureTransport": "true",
                     "aws:ViaAWSService": "false"}


def merged(documents):
    """One document holding every statement of ``documents``."""
    return {"Version": "2012-10-17", "Statement": [s for d in documents for s in statements(d)]}


def resources_for(document, action):
    """Resources to ask about: each Allow statement's own resource patterns
    (filled in) where its Action takes ``action``, and one name that only "*" matches."""
    found = {"x-any-resource"}
    for statement in statements(document):
        if statement.get("Effect") == ALLOW and "Action" in statement and matches_any(statement["Action"], action, case_sensitive=False):
            found |= {r.replace("*", "x").replace("?", "x") for r in as_list(statement.get("Resource", []))}
    return sorted(found)


def unguarded_actions(document, actions, principal=None):
    """The actions of ``actions`` the document allows without MFA or a network condition."""
    return [action for action in actions if any(
        evaluate(document, Request(action, resource, principal=principal,
                                   context={**UNGUARDED_CONTEXT, "aws:SourceIp": ip})) == ALLOW
        for resource in resources_for(document, action) for ip in addresses_outside(document))]


def trusted_callers(trust):
    """Principal ARNs standing for the AWS principals a trust policy names
    (an account as any role of it, "*" as an outsider); services and
    federated identities are left out."""
    found = []
    for statement in statements(trust):
        principal = statement.get("Principal")
        for value in as_list(principal.get("AWS")) if isinstance(principal, dict) else [principal] if principal else []:
            if value == "*":
                found.append(OUTSIDER_ARN)
            elif value.isdigit() or value.endswith(":root"):
                account = value if value.isdigit() else value.split(":")[4]
                found.append(f"arn:aws:iam::{account}:role/any-caller")
            else:
                found.append(value)
    return sorted(set(found))


def assumable_unguarded(trust, role_arn):
    """Callers the trust policy lets assume the role without MFA, from a
    network outside every CIDR it names."""
    return [caller for caller in trusted_callers(trust) if any(
        evaluate(trust, Request("sts:AssumeRole", role_arn, principal=caller, context={
            **UNGUARDED_CONTEXT, "aws:SourceIp": ip, **principal_context(caller)})) == ALLOW
        for ip in addresses_outside(trust))]
