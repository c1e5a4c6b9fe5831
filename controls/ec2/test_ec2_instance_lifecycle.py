"""EC2 instances: none left stopped for long, none paravirtual."""

import datetime
import re

import pytest

from controls.ec2.instances import instances_test, judge_instances

# "User initiated (2026-01-05 09:12:44 GMT)": when AWS last changed the instance's state, in UTC.
_TRANSITION_TIME = re.compile(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)")


def is_paravirtual(instance):
    return "the instance uses paravirtual virtualization" if instance["VirtualizationType"] == "paravirtual" else None


def stopped_since(instance):
    """When a stopped instance was stopped (UTC), or None when AWS's reason does not say."""
    match = _TRANSITION_TIME.search(instance.get("StateTransitionReason") or "")
    return datetime.datetime.fromisoformat(match.group(1)).date() if match else None


def stopped_too_long(today, max_days):
    def problem(instance):
        if instance["State"]["Name"] != "stopped":
            return None
        since = stopped_since(instance)
        if since is None:
            return "the instance is stopped and when it was stopped cannot be told (StateTransitionReason: " \
                   f"{instance.get('StateTransitionReason')!r})"
        days = (today - since).days
        return f"the instance has been stopped since {since} ({days} days)" if days > max_days else None
    return problem


@pytest.mark.control("ec2-stopped-instances-removed")
def test_ec2_stopped_instances_removed(ec2_instances, region_target, partition, params, today, evidence):
    judge_instances(evidence, ec2_instances, partition, region_target,
                    stopped_too_long(today, params["max_stopped_days"]),
                    lambda i: (f"aws ec2 terminate-instances --instance-ids {i['InstanceId']} (after an AMI or "
                               "snapshots of what must be kept), or start it and keep it patched"))


test_ec2_no_paravirtual_instances = instances_test(
    "ec2-no-paravirtual-instances", is_paravirtual,
    lambda i: (f"launch {i['InstanceId']}'s replacement from an HVM AMI on a current-generation instance type "
               "and retire it; paravirtual instances cannot be changed to HVM in place"))
