"""Organizations' policies are managed from a delegated member account, not the management account."""

import pytest

from compliance.evidence import Finding, root_arn
from compliance.policy_language import ALLOW, Request, evaluate, principal_context
from compliance.privilege import resources_for, trusted_callers


def delegates(policy, caller, actions):
    """True when the delegation policy allows ``caller`` every one of ``actions``."""
    context = principal_context(caller)
    return all(any(evaluate(policy, Request(action, resource, principal=caller, context=context)) == ALLOW
                   for resource in resources_for(policy, action)) for action in actions)


@pytest.mark.control("organization-policy-delegation")
def test_organization_policy_delegation(organization_delegation_policy, management_account, partition, params,
                                        evidence):
    evidence.record("delegation_policy", organization_delegation_policy)
    actions = params["policy_actions"]
    callers = [c for c in trusted_callers(organization_delegation_policy or {})
               if c.split(":")[4] != management_account.id]
    delegated = [c for c in callers if delegates(organization_delegation_policy, c, actions)]
    evidence.record("delegated_to", delegated)
    findings = [] if delegated else [Finding(
        root_arn(partition, management_account.id),
        "the organization has no delegation policy" if organization_delegation_policy is None else
        f"the delegation policy allows no member account all of {', '.join(actions)}",
        "aws organizations put-resource-policy --content <a policy allowing the security or platform account "
        f"{', '.join(actions)}>")]
    evidence.verdict(findings)
