"""Critical RDS events of every source type reach someone through an event notification subscription."""

import pytest

from compliance.evidence import Finding
from controls.judging import settings


def covers(subscription, source_type, category):
    """Whether an enabled subscription sends ``category`` events of every
    source of ``source_type`` (no source list: all sources; no category
    list: every category)."""
    return (subscription.get("Enabled") is True and subscription.get("SourceType") == source_type
            and not subscription.get("SourceIdsList")
            and (not subscription.get("EventCategoriesList") or category in subscription["EventCategoriesList"]))


@pytest.mark.control("rds-event-subscriptions")
def test_rds_event_subscriptions(rds_event_subscriptions, params, partition, region_target, evidence):
    if rds_event_subscriptions is None:
        evidence.record("subscriptions", "not judged: the region holds no DB cluster or instance")
        return
    evidence.record("subscriptions", settings(rds_event_subscriptions, (
        "EventSubscriptionArn", "SourceType", "SourceIdsList", "EventCategoriesList", "Enabled", "SnsTopicArn")))
    region, account = region_target.region, region_target.account.id
    findings = []
    for source_type, categories in params["required"].items():
        missing = [c for c in categories if not any(covers(s, source_type, c) for s in rds_event_subscriptions)]
        if missing:
            findings.append(Finding(
                f"arn:{partition}:rds:{region}:{account}:es:*",
                f"no enabled subscription sends {', '.join(missing)} events of every {source_type}",
                f"aws rds create-event-subscription --region {region} --subscription-name critical-{source_type} "
                f"--sns-topic-arn <topic> --source-type {source_type} --event-categories "
                + " ".join(f'"{c}"' for c in missing) + " --enabled"))
    evidence.verdict(findings)
