"""Organizations' policies are managed from a delegated member account, not
the management account, and the delegation lets no one outside in."""

import pytest

from compliance.evidence import Finding, root_arn
from compliance.policy import outside_findings
from compliance.policy_language import ALLOW, Request, evaluate
from compliance.privilege import resources_for, trusted_callers


def delegates(policy, caller, actions):
    """True when the delegation policy allows ``caller`` every one of ``actions``."""
    return all(any(evaluate(policy, Request(action, resource, principal=caller.arn, context=caller.context)) == ALLOW
                   for resource in resources_for(policy, action)) for action in actions)


@pytest.mark.control("organization-policy-delegation")
def test_organization_policy_delegation(organization_delegation_policy, management_account, trust_zone, partition,
                                        params, evidence):
    evidence.record("delegation_policy", organization_delegation_policy)
    evidence.record("trust_zone", trust_zone.summary())
    actions = params["policy_actions"]
    policy = organization_delegation_policy or {}
    members = [c for c in trusted_callers(policy, trust_zone)
               if c.account in trust_zone.accounts and c.account != management_account.id]
    delegated = [c.arn for c in members if delegates(policy, c, actions)]
    evidence.record("delegated_to", delegated)
    management = root_arn(partition, management_account.id)
    findings = [] if delegated else [Finding(
        management,
        "the organization has no delegation policy" if organization_delegation_policy is None else
        f"the delegation policy allows no member account all of {', '.join(actions)}",
        "aws organizations put-resource-policy --content <a policy allowing the security or platform account "
        f"{', '.join(actions)}>")]
    resources = sorted({r for action in actions for r in resources_for(policy, action)})
    findings += outside_findings(management, organization_delegation_policy, resources, "organizations", trust_zone,
                                 "name only member accounts of the organization in the delegation policy")
    evidence.verdict(findings)
