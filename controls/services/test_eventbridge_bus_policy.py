"""Custom EventBridge event buses have a resource-based policy."""

import pytest

from controls.judging import judge_each

DEFAULT_BUS = "default"


@pytest.mark.control("eventbridge-custom-bus-policy")
def test_eventbridge_custom_bus_policy(event_buses, evidence):
    custom = [b for b in event_buses if b["Name"] != DEFAULT_BUS]
    judge_each(evidence, "custom_event_buses", custom, ("Arn", "Name", "Policy"),
               lambda b: None if b.get("Policy") else "the custom event bus has no resource-based policy",
               lambda b: (f"aws events put-permission --event-bus-name {b['Name']} --policy "
                          "'<a policy naming the accounts or organization that may put events>'"))
