"""Each CIS monitoring item: a multi-region trail's events reach CloudWatch
Logs, a metric filter matches the item's events, and an alarm on it notifies
someone through SNS."""

import pytest

from compliance.evidence import Finding, root_arn
from controls.cloudtrail.trail_rules import management_event_kinds
from controls.monitoring.filter_patterns import missing_terms
from controls.monitoring.monitors import MONITORS


def notified(alarm):
    """SNS topics among the alarm's actions that have a confirmed subscriber."""
    return [topic for topic, subscribers in alarm["Subscriptions"].items() if subscribers]


def trail_gaps(trail, required):
    """Why this trail does not alert on the required events; [] when it does."""
    if not trail["Status"].get("IsLogging"):
        return ["is not logging"]
    if "Unreadable" in trail:
        return [trail["Unreadable"]]
    if management_event_kinds(trail["Selectors"]) != {"read", "write"}:
        return ["does not record all management events"]
    matching = [f for f in trail["MetricFilters"] if not missing_terms(f["filterPattern"], required)]
    if not matching:
        return [f"has no metric filter on its log group matching the events{_closest(trail['MetricFilters'], required)}"]
    if not any(notified(a) for f in matching for a in f["Alarms"]):
        return [f"metric filter {', '.join(f['filterName'] for f in matching)} has no alarm notifying a confirmed "
                "SNS subscriber"]
    return []


def _closest(filters, required):
    """What the nearest metric filter lacks, to help whoever fixes it."""
    if not filters:
        return ""
    closest = min(filters, key=lambda f: len(missing_terms(f["filterPattern"], required)))
    lacking = ", ".join(" ".join(term).strip() for term in missing_terms(closest["filterPattern"], required))
    return f" (the closest, {closest['filterName']}, lacks {lacking})"


@pytest.mark.parametrize("monitor", [pytest.param(m, marks=pytest.mark.control(m), id=m) for m in MONITORS])
def test_monitoring(monitor, alert_pipelines, account_target, partition, evidence):
    evidence.record("trails", alert_pipelines)
    required = MONITORS[monitor]
    gaps = {trail["TrailARN"]: trail_gaps(trail, required) for trail in alert_pipelines}
    account = root_arn(partition, account_target.id)
    fix = ("send a multi-region trail to CloudWatch Logs, add a metric filter with the CIS pattern for these events, "
           "and an alarm on its metric whose action is an SNS topic with a confirmed subscriber")
    findings = [] if any(not reasons for reasons in gaps.values()) else (
        [Finding(account, f"trail {arn} {reason}", fix) for arn, reasons in gaps.items() for reason in reasons]
        or [Finding(account, "no multi-region trail sends its events to CloudWatch Logs", fix)])
    evidence.verdict(findings)
