"""AWS Network Firewall firewalls, firewall policies and stateless rule groups."""

SERVICE = "network-firewall"


def firewalls(api, region):
    """The region's firewalls, each whole (DeleteProtection, FirewallPolicyArn...)."""
    listed = sorted(api.read(SERVICE, "ListFirewalls", region)["Firewalls"], key=lambda f: f["FirewallArn"])
    return [api.read(SERVICE, "DescribeFirewall", region, FirewallArn=f["FirewallArn"])["Firewall"] for f in listed]


def logging_destinations(api, region, firewall_arn):
    """The firewall's log destination configurations (LogType, LogDestinationType...)."""
    answer = api.read(SERVICE, "DescribeLoggingConfiguration", region, FirewallArn=firewall_arn)
    return answer.get("LoggingConfiguration", {}).get("LogDestinationConfigs", [])


def firewall_policies(api, region):
    """The region's firewall policies, each its FirewallPolicyResponse (name,
    ARN) with its FirewallPolicy (default actions, rule group references)."""
    listed = sorted(api.read(SERVICE, "ListFirewallPolicies", region)["FirewallPolicies"], key=lambda p: p["Arn"])
    return [api.read(SERVICE, "DescribeFirewallPolicy", region, FirewallPolicyArn=p["Arn"]) for p in listed]


def stateless_rule_groups(api, region):
    """The account's stateless rule groups in the region, each its
    RuleGroupResponse (name, ARN) with its RuleGroup (rules)."""
    listed = sorted(api.read(SERVICE, "ListRuleGroups", region, Type="STATELESS")["RuleGroups"],
                    key=lambda g: g["Arn"])
    return [api.read(SERVICE, "DescribeRuleGroup", region, RuleGroupArn=g["Arn"], Type="STATELESS") for g in listed]
