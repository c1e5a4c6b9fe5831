"""The CIS monitoring controls (metric filter, alarm, subscriber), proven against moto."""

import pytest

from compliance.demo.organization import alert_on, trail_to_cloudwatch
from controls.monitoring.filter_patterns import missing_terms, terms
from controls.monitoring.monitors import MONITORS
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/monitoring"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml", regions=["us-east-1"])


def test_patterns_are_read_as_terms_whatever_their_layout():
    written = '{($.eventName=CreateTrail)||($.eventName = "StopLogging") && ($.userIdentity.invokedBy NOT EXISTS)}'
    assert terms(written) == {("eventName", "=", "CreateTrail"), ("eventName", "=", "StopLogging"),
                              ("userIdentity.invokedBy", "NOT EXISTS", "")}
    assert missing_terms(written, MONITORS["monitor-cloudtrail-changes"]) == [
        ("eventName", "=", "DeleteTrail"), ("eventName", "=", "StartLogging"), ("eventName", "=", "UpdateTrail")]


def test_every_monitor_passes_with_filters_alarms_and_a_subscriber(seeder, audit_roles, baseline, run_suite):
    group = trail_to_cloudwatch(seeder, PROD, "audit", "prod-trail-bucket")
    alert_on(seeder, PROD, "us-east-1", group, MONITORS)
    suite = run_suite(CONTROL, baseline=baseline)
    prod = suite.of_account(PROD)
    assert len(prod) == len(MONITORS) and {r["outcome"] for r in prod.values()} == {"passed"}, suite.output


def test_each_gap_fails_with_its_reason(seeder, audit_roles, baseline, run_suite):
    group = trail_to_cloudwatch(seeder, DEV, "audit", "dev-trail-bucket")
    monitors = [m for m in MONITORS if m not in ("monitor-root-usage", "monitor-vpc-changes")]
    alert_on(seeder, DEV, "us-east-1", group, monitors, subscriber=None)  # nobody is told
    seeder.client("logs", DEV).put_metric_filter(  # a VPC filter that forgets peering
        logGroupName=group, filterName="vpc", filterPattern='{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }',
        metricTransformations=[{"metricName": "vpc", "metricNamespace": "CIS", "metricValue": "1"}])
    suite = run_suite(CONTROL, baseline=baseline)
    dev = suite.of_account(DEV)
    assert {r["outcome"] for r in dev.values()} == {"failed"}
    problem = dev["monitor-cloudtrail-changes"]["findings"][0]["problem"]
    assert problem.endswith("metric filter monitor-cloudtrail-changes has no alarm notifying a confirmed SNS subscriber")
    assert "has no metric filter on its log group matching the events (the closest, vpc, lacks eventName = " \
        "AcceptVpcPeeringConnection" in dev["monitor-vpc-changes"]["findings"][0]["problem"]
    assert {r["outcome"] for r in suite.of_account(PROD).values()} == {"failed"}
    assert suite.result(f"prod-{PROD}-monitor-root-usage")["findings"][0]["problem"] == \
        "no multi-region trail sends its events to CloudWatch Logs"


@pytest.mark.parametrize("service, operation", [("logs", "DescribeMetricFilters"), ("cloudwatch", "DescribeAlarms"),
                                                ("sns", "ListSubscriptionsByTopic")])
def test_unreadable_api_errors(service, operation, seeder, audit_roles, baseline, run_suite, local_aws):
    group = trail_to_cloudwatch(seeder, PROD, "audit", "prod-trail-bucket")
    alert_on(seeder, PROD, "us-east-1", group, MONITORS)
    local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    prod = list(suite.of_account(PROD).values())
    assert {r["outcome"] for r in prod} == {"error"} and len(prod) == len(MONITORS)
    assert all(f"could not read {service}:{operation}" in r["message"] for r in prod)
