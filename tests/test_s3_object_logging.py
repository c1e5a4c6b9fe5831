"""S3 object-level logging controls, proven against moto."""

import pytest

from compliance.demo.organization import create_bucket
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/s3/test_s3_object_logging.py"
ALL_BUCKETS = [{"ReadWriteType": "All", "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def trail(seeder, account, name, bucket, multi_region=True, logging=True, **selectors):
    trails = seeder.client("cloudtrail", account)
    trails.create_trail(Name=name, S3BucketName=bucket, IsMultiRegionTrail=multi_region)
    trails.put_event_selectors(TrailName=name, **selectors)
    if logging:
        trails.start_logging(Name=name)


def outcomes(suite, account):
    return {c: (r["outcome"], sorted((f["resource"], f["problem"]) for f in r["findings"]))
            for c, r in suite.of_account(account).items()}


def test_buckets_under_a_logging_multi_region_trail_pass(seeder, audit_roles, baseline, run_suite):
    create_bucket(seeder, PROD, "prod-trail")
    create_bucket(seeder, PROD, "prod-data", "eu-west-1")
    trail(seeder, PROD, "everything", "prod-trail", EventSelectors=ALL_BUCKETS)
    suite = run_suite(CONTROL, baseline=baseline)
    assert {c: o for c, (o, _) in outcomes(suite, PROD).items()} == {
        "s3-object-write-logging": "passed", "s3-object-read-logging": "passed"}, suite.output


def test_unlogged_buckets_fail_by_kind(seeder, audit_roles, baseline, run_suite):
    create_bucket(seeder, DEV, "dev-trail")
    create_bucket(seeder, DEV, "dev-writes-logged")
    create_bucket(seeder, DEV, "dev-elsewhere", "eu-west-1")  # the single-region trail does not reach it
    trail(seeder, DEV, "writes", "dev-trail", multi_region=False, AdvancedEventSelectors=[{"FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
        {"Field": "readOnly", "Equals": ["false"]}]}])
    trail(seeder, DEV, "stopped", "dev-trail", EventSelectors=ALL_BUCKETS, logging=False)
    suite = run_suite(CONTROL, baseline=baseline)
    dev = outcomes(suite, DEV)
    assert dev["s3-object-write-logging"] == ("failed", [
        ("arn:aws:s3:::dev-elsewhere", "no logging trail records its object-level write events")])
    assert dev["s3-object-read-logging"] == ("failed", [
        (f"arn:aws:s3:::{name}", "no logging trail records its object-level read events")
        for name in ("dev-elsewhere", "dev-trail", "dev-writes-logged")])


@pytest.mark.parametrize("operation", ["DescribeTrails", "GetTrailStatus", "GetEventSelectors"])
def test_unreadable_trails_error(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    create_bucket(seeder, PROD, "prod-trail")
    trail(seeder, PROD, "everything", "prod-trail", EventSelectors=ALL_BUCKETS)
    local_aws.inject("AccessDeniedException", "not authorized", service="cloudtrail", operation=operation,
                     account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    assert {o for o, _ in outcomes(suite, PROD).values()} == {"error"}
