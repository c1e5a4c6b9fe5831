"""AWS Network Firewall: firewalls log and resist deletion; their policies and rule groups inspect."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("network-firewall-logging")
def test_network_firewall_logging(network_firewall_logging, evidence):
    judge_each(evidence, "firewalls", network_firewall_logging,
               ("FirewallArn", "FirewallName", "LogDestinationConfigs"),
               lambda f: None if f["LogDestinationConfigs"] else "the firewall logs no traffic",
               lambda f: f"aws network-firewall update-logging-configuration --firewall-arn {f['FirewallArn']} "
                         "--logging-configuration 'LogDestinationConfigs=[{LogType=FLOW,LogDestinationType="
                         "CloudWatchLogs,LogDestination={logGroup=<group>}}]' (and the same for ALERT)")


@pytest.mark.control("network-firewall-deletion-protection")
def test_network_firewall_deletion_protection(network_firewalls, evidence):
    judge_each(evidence, "firewalls", network_firewalls, ("FirewallArn", "FirewallName", "DeleteProtection"),
               lambda f: None if f.get("DeleteProtection") else "deletion protection is off",
               lambda f: "aws network-firewall update-firewall-delete-protection --firewall-arn "
                         f"{f['FirewallArn']} --delete-protection")


def update_policy(policy, change):
    return (f"aws network-firewall update-firewall-policy --firewall-policy-arn {policy['FirewallPolicyArn']} "
            f"--update-token <from describe-firewall-policy> --firewall-policy with {change}")


@pytest.mark.control("network-firewall-policy-rule-groups")
def test_network_firewall_policy_rule_groups(network_firewall_policies, evidence):
    judge_each(evidence, "firewall_policies", network_firewall_policies,
               ("FirewallPolicyArn", "FirewallPolicyName", "StatelessRuleGroupReferences",
                "StatefulRuleGroupReferences"),
               lambda p: None if p.get("StatelessRuleGroupReferences") or p.get("StatefulRuleGroupReferences")
               else "the policy names no rule group: it inspects nothing",
               lambda p: update_policy(p, "the stateful (and stateless) rule groups the traffic needs"))


DEFAULTS = {"StatelessDefaultActions": "full packets", "StatelessFragmentDefaultActions": "fragmented packets"}


@pytest.mark.control("network-firewall-stateless-default-actions")
def test_network_firewall_stateless_default_actions(network_firewall_policies, params, evidence):
    accepted = params["actions"]

    def problem(policy):
        wrong = [f"unmatched {packets} get {', '.join(policy[member])}" for member, packets in DEFAULTS.items()
                 if not set(policy[member]) & set(accepted)]
        return "; ".join(wrong)

    judge_each(evidence, "firewall_policies", network_firewall_policies,
               ("FirewallPolicyArn", "FirewallPolicyName", *DEFAULTS), problem,
               lambda p: update_policy(p, f"StatelessDefaultActions and StatelessFragmentDefaultActions [{accepted[-1]}]"))


@pytest.mark.control("network-firewall-stateless-rule-groups-not-empty")
def test_network_firewall_stateless_rule_groups_not_empty(network_firewall_stateless_rule_groups, evidence):
    def rules(group):
        return group["RulesSource"].get("StatelessRulesAndCustomActions", {}).get("StatelessRules", [])

    judge_each(evidence, "rule_groups", network_firewall_stateless_rule_groups,
               ("RuleGroupArn", "RuleGroupName", "RulesSource"),
               lambda g: None if rules(g) else "the stateless rule group has no rule",
               lambda g: f"aws network-firewall update-rule-group --rule-group-arn {g['RuleGroupArn']} --type "
                         "STATELESS --update-token <from describe-rule-group> with its rules, or delete it")
