"""Privileged identities and the conditions that guard them.

An identity's effective policy is the union of its policies' statements (a
Deny in any wins, then any Allow), so the statements are merged into one
document and decided by ``policy_language.evaluate``. A privileged action is
"unguarded" when that document allows it to a caller without MFA, from a
network outside every CIDR the policy names, and outside any VPC.
"""

from dataclasses import dataclass

from compliance.policy_language import (
    ALLOW,
    OUTSIDER_ARN,
    Request,
    addresses_outside,
    as_list,
    evaluate,
    matches_any,
    principal_account,
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


@dataclass(frozen=True)
class Caller:
    """A caller standing for principals a trust or delegation policy names."""

    arn: str
    who: str  # as a finding names it
    context: dict

    @property
    def account(self):
        return self.arn.split(":")[4]


def _caller(arn, who, zone):
    context = principal_context(arn)
    if zone.organization_id and arn.split(":")[4] in zone.accounts:
        context["aws:principalorgid"] = zone.organization_id
    return Caller(arn, who, context)


def trusted_callers(trust, zone):
    """The AWS principals a trust policy names, as callers: an account as any
    role of it, a principal ARN as itself, and "*" as any account outside
    ``zone`` and any principal of the organization. Services and federated
    identities are left out."""
    found = {}
    for statement in statements(trust):
        principal = statement.get("Principal")
        for value in as_list(principal.get("AWS")) if isinstance(principal, dict) else [principal] if principal else []:
            if value == "*":
                found[OUTSIDER_ARN] = _caller(OUTSIDER_ARN, "any AWS account outside the organization", zone)
                if zone.organization_id and zone.accounts:
                    member = f"arn:aws:iam::{min(zone.accounts)}:role/any-caller"
                    found[member] = _caller(member, "any principal of the organization", zone)
            elif value.isdigit() or value.endswith(":root"):
                account = principal_account(value)
                arn = f"arn:aws:iam::{account}:role/any-caller"
                found[arn] = _caller(arn, f"any principal of {zone.describe_account(account)}", zone)
            else:
                found[value] = _caller(value, f"{value} of {zone.describe_account(principal_account(value))}", zone)
    return [found[arn] for arn in sorted(found)]


def assumable_unguarded(trust, role_arn, zone):
    """Who the trust policy lets assume the role without MFA, from a network
    outside every CIDR it names, as findings name them."""
    return [caller.who for caller in trusted_callers(trust, zone) if any(
        evaluate(trust, Request("sts:AssumeRole", role_arn, principal=caller.arn, context={
            **UNGUARDED_CONTEXT, "aws:SourceIp": ip, **caller.context})) == ALLOW
        for ip in addresses_outside(trust))]
