"""Amazon EventBridge: event buses, and rules of the default event bus with their targets."""

from compliance.inventory import every_page


def rules(api, region):
    return sorted(api.read("events", "ListRules", region)["Rules"], key=lambda r: r["Arn"])


def targets(api, region, rule_name):
    return api.read("events", "ListTargetsByRule", region, Rule=rule_name)["Targets"]


def event_buses(api, region):
    """The region's event buses (the default one included), each with its resource policy when it has one."""
    return sorted(every_page(api, "events", "ListEventBuses", region, "EventBuses"), key=lambda b: b["Arn"])
