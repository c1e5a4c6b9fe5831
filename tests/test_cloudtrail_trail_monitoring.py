"""The organization trail monitoring control, proven against moto."""

import pytest

from compliance.demo.organization import create_organization_trail
from tests.conftest import MANAGEMENT

CONTROL = "controls/cloudtrail/test_cloudtrail_trail_monitoring.py"
BOTH = [{"InsightType": "ApiCallRateInsight"}, {"InsightType": "ApiErrorRateInsight"}]



@pytest.fixture
def bucket(seeder, organization):
    seeder.client("s3", MANAGEMENT).create_bucket(Bucket="trail-bucket")
    return "trail-bucket"



def test_a_trail_with_insights_and_cloudwatch_delivery_passes(seeder, bucket, home_region_baseline, run_suite):
    trails = create_organization_trail(seeder, "org-trail", bucket, log_group="/org/trail")
    trails.put_insight_selectors(TrailName="org-trail", InsightSelectors=BOTH)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_each_missing_piece_is_named(seeder, bucket, home_region_baseline, run_suite):
    trails = create_organization_trail(seeder, "org-trail", bucket)  # no CloudWatch Logs
    trails.put_insight_selectors(TrailName="org-trail", InsightSelectors=BOTH[:1])
    create_organization_trail(seeder, "stopped", bucket, log_group="/org/stopped", logging=False)  # not judged
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in suite.only()["findings"]] == [
        ("org-trail", "Insights does not collect ApiErrorRateInsight"),
        ("org-trail", "it does not send events to CloudWatch Logs")]


def test_no_logging_organization_trail_fails(seeder, bucket, home_region_baseline, run_suite):
    create_organization_trail(seeder, "stopped", bucket, log_group="/org/stopped", logging=False)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"] for f in suite.only()["findings"]] == ["no multi-region organization trail is logging"]


@pytest.mark.parametrize("operation", ["DescribeTrails", "GetTrailStatus", "GetInsightSelectors"])
def test_unreadable_api_errors(operation, seeder, bucket, home_region_baseline, run_suite, local_aws):
    create_organization_trail(seeder, "org-trail", bucket, log_group="/org/trail")
    local_aws.inject("AccessDeniedException", "not authorized", service="cloudtrail", operation=operation,
                     account=MANAGEMENT)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error"
    assert f"could not read cloudtrail:{operation}" in suite.only()["message"]
