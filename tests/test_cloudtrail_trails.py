"""The controls over every trail an account owns (KMS, log file validation,
CloudWatch Logs delivery), proven against moto."""

import pytest

from compliance.demo.organization import create_bucket, create_key, create_organization_trail, trail_to_cloudwatch
from tests.conftest import DEV, MANAGEMENT, PROD, assert_unreadable

CONTROL = "controls/cloudtrail/test_cloudtrail_trails.py"
CONTROLS = {"cloudtrail-trails-encrypted", "cloudtrail-trails-log-validation", "cloudtrail-trails-cloudwatch"}


def problems(result):
    return [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in result["findings"]]


def test_encrypted_validated_delivering_trails_pass(seeder, organization, home_region_baseline, run_suite):
    create_bucket(seeder, MANAGEMENT, "org-trail-bucket")
    key = seeder.client("kms", MANAGEMENT).describe_key(
        KeyId=create_key(seeder, MANAGEMENT, "us-east-1", "trail"))["KeyMetadata"]["Arn"]
    create_organization_trail(seeder, "org-trail", "org-trail-bucket", key, log_group="/org/trail")

    suite = run_suite(CONTROL, baseline=home_region_baseline)

    management = suite.by_control(f"management-{MANAGEMENT}-us-east-1")
    assert {c: r["outcome"] for c, r in management.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    assert [t["Name"] for t in management["cloudtrail-trails-encrypted"]["evidence"]["trails"]] == ["org-trail"]
    prod = suite.by_control(f"prod-{PROD}-us-east-1")  # sees the organization trail, owns none
    assert {r["outcome"] for r in prod.values()} == {"passed"}
    assert prod["cloudtrail-trails-encrypted"]["evidence"]["trails"] == []


def test_each_weakness_of_each_trail_fails(seeder, organization, home_region_baseline, run_suite):
    create_bucket(seeder, DEV, "dev-trail-bucket")
    trails = seeder.client("cloudtrail", DEV)
    trails.create_trail(Name="bare", S3BucketName="dev-trail-bucket")
    trails.start_logging(Name="bare")
    trail_to_cloudwatch(seeder, PROD, "watched", "prod-trail-bucket")
    seeder.client("cloudtrail", PROD).stop_logging(Name="watched")  # so nothing reaches its log group

    suite = run_suite(CONTROL, baseline=home_region_baseline)

    dev = suite.by_control(f"dev-{DEV}-us-east-1")
    assert problems(dev["cloudtrail-trails-encrypted"]) == [
        ("bare", "log files are encrypted with S3-managed keys only, not a KMS key")]
    assert problems(dev["cloudtrail-trails-log-validation"]) == [("bare", "log file validation is off")]
    assert problems(dev["cloudtrail-trails-cloudwatch"]) == [("bare", "it does not send events to CloudWatch Logs")]
    prod = suite.by_control(f"prod-{PROD}-us-east-1")
    assert problems(prod["cloudtrail-trails-cloudwatch"]) == [
        ("watched", "its last delivery to CloudWatch Logs was never")]


@pytest.mark.parametrize("operation", ["DescribeTrails", "GetTrailStatus"])
def test_unreadable_api_errors(operation, seeder, organization, home_region_baseline, run_suite, local_aws):
    create_bucket(seeder, PROD, "prod-trail-bucket")
    seeder.client("cloudtrail", PROD).create_trail(Name="prod", S3BucketName="prod-trail-bucket")
    local_aws.inject("AccessDeniedException", "not authorized", service="cloudtrail", operation=operation,
                     account=PROD)

    suite = run_suite(CONTROL, baseline=home_region_baseline)

    prod = suite.by_control(f"prod-{PROD}-us-east-1")
    assert_unreadable(prod, CONTROLS, f"cloudtrail:{operation} in account {PROD}")
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-us-east-1").values()} == {"passed"}
