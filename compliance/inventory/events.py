"""Amazon EventBridge: rules of the default event bus and their targets."""


def rules(api, region):
    return sorted(api.read("events", "ListRules", region)["Rules"], key=lambda r: r["Arn"])


def targets(api, region, rule_name):
    return api.read("events", "ListTargetsByRule", region, Rule=rule_name)["Targets"]
