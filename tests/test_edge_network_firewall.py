"""The Network Firewall controls and their moto patch, proven against moto."""

from compliance.demo.seed_edge_services import network_firewall, stateless_rule_group
from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROLS = "controls/firewall"
JUDGED = {"network-firewall-logging", "network-firewall-deletion-protection", "network-firewall-policy-rule-groups",
          "network-firewall-stateless-default-actions", "network-firewall-stateless-rule-groups-not-empty"}


def subnet(seeder, account):
    ec2 = seeder.client("ec2", account, REGION)
    return ec2.create_subnet(VpcId=ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"],
                             CidrBlock="10.40.1.0/24")["Subnet"]["SubnetId"]


def arn(account, kind, name):
    return f"arn:aws:network-firewall:{REGION}:{account}:{kind}/{name}"


def test_hardened_firewalls_pass_and_open_ones_fail(seeder, audit_roles, regional_baseline, run_suite):
    network_firewall(seeder, PROD, REGION, "egress", subnet(seeder, PROD), hardened=True)
    firewall = network_firewall(seeder, DEV, REGION, "egress", subnet(seeder, DEV), hardened=False)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c: r["outcome"] for c, r in suite.of_account(PROD).items()} == dict.fromkeys(JUDGED, "passed"), suite.output
    dev = {c: [(f["resource"], f["problem"]) for f in r["findings"]] for c, r in suite.of_account(DEV).items()}
    assert dev == {
        "network-firewall-logging": [(firewall, "the firewall logs no traffic")],
        "network-firewall-deletion-protection": [(firewall, "deletion protection is off")],
        "network-firewall-policy-rule-groups": [
            (arn(DEV, "firewall-policy", "egress"), "the policy names no rule group: it inspects nothing")],
        "network-firewall-stateless-default-actions": [(arn(DEV, "firewall-policy", "egress"), (
            "unmatched full packets get aws:pass; unmatched fragmented packets get aws:pass"))],
        "network-firewall-stateless-rule-groups-not-empty": [
            (arn(DEV, "stateless-rulegroup", "egress"), "the stateless rule group has no rule")],
    }


def test_unreadable_firewalls_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    faults = {PROD: ["ListFirewalls", "DescribeFirewallPolicy", "ListRuleGroups"],
              DEV: ["DescribeLoggingConfiguration", "ListFirewallPolicies", "DescribeRuleGroup"]}
    for account, operations in faults.items():
        network_firewall(seeder, account, REGION, "egress", subnet(seeder, account), hardened=True)
        for operation in operations:
            local_aws.inject("AccessDeniedException", "not authorized", service="network-firewall",
                             operation=operation, account=account)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    prod, dev = suite.of_account(PROD), suite.of_account(DEV)
    assert_unreadable(prod, JUDGED, "network-firewall:")
    assert "ListFirewalls" in prod["network-firewall-deletion-protection"]["message"]
    assert "DescribeFirewallPolicy" in prod["network-firewall-policy-rule-groups"]["message"]
    assert "ListRuleGroups" in prod["network-firewall-stateless-rule-groups-not-empty"]["message"]
    assert_unreadable(dev, JUDGED - {"network-firewall-deletion-protection"}, "network-firewall:")
    assert "DescribeLoggingConfiguration" in dev["network-firewall-logging"]["message"]
    assert "ListFirewallPolicies" in dev["network-firewall-stateless-default-actions"]["message"]
    assert "DescribeRuleGroup" in dev["network-firewall-stateless-rule-groups-not-empty"]["message"]


def test_moto_keeps_firewall_policies_and_rule_groups(seeder):
    client = seeder.client("network-firewall", PROD, REGION)
    group = stateless_rule_group(seeder, PROD, REGION, "empty", rules=False)
    assert client.list_rule_groups(Type="STATELESS")["RuleGroups"] == [{"Name": "empty", "Arn": group}]
    assert client.list_rule_groups(Type="STATEFUL")["RuleGroups"] == []
    assert client.describe_rule_group(RuleGroupArn=group, Type="STATELESS")["RuleGroup"] == {
        "RulesSource": {"StatelessRulesAndCustomActions": {"StatelessRules": []}}}
    policy = {"StatelessDefaultActions": ["aws:drop"], "StatelessFragmentDefaultActions": ["aws:drop"]}
    created = client.create_firewall_policy(FirewallPolicyName="p", FirewallPolicy=policy)["FirewallPolicyResponse"]
    assert client.describe_firewall_policy(FirewallPolicyName="p")["FirewallPolicy"] == policy
    assert client.list_firewall_policies()["FirewallPolicies"] == [{"Name": "p", "Arn": created["FirewallPolicyArn"]}]
