"""The organization trail is watched: Insights on unusual API activity, and
delivery to CloudWatch Logs, where metric filters and alarms read it."""

import datetime

import pytest

from compliance.evidence import Finding, root_arn
from controls.cloudtrail.trail_rules import cloudwatch_delivery_problems


def monitoring_problems(trail, insight_types, max_delivery_age, now):
    arn = trail["TrailARN"]
    problems = []
    missing = sorted(set(insight_types) - set(trail["InsightTypes"]))
    if missing:
        problems.append((f"Insights does not collect {', '.join(missing)}",
                         f"aws cloudtrail put-insight-selectors --trail-name {arn} --insight-selectors "
                         + " ".join(f"InsightType={t}" for t in insight_types)))
    problems += cloudwatch_delivery_problems(trail, max_delivery_age, now)
    return problems


@pytest.mark.control("cloudtrail-organization-trail-monitoring")
def test_cloudtrail_organization_trail_monitoring(organization_trail_monitoring, management_account, partition,
                                                  params, now, evidence):
    evidence.record("organization_trails", organization_trail_monitoring)
    logging = [t for t in organization_trail_monitoring if t.get("IsMultiRegionTrail") and t["Status"].get("IsLogging")]
    max_age = datetime.timedelta(hours=params["max_delivery_age_hours"])
    judged = {t["TrailARN"]: monitoring_problems(t, params["insight_types"], max_age, now) for t in logging}
    if any(not problems for problems in judged.values()):
        return
    findings = [Finding(arn, problem, fix) for arn, problems in judged.items() for problem, fix in problems] or [
        Finding(root_arn(partition, management_account.id), "no multi-region organization trail is logging",
                "create and start one (see cloudtrail-organization-trail)")]
    evidence.verdict(findings)
