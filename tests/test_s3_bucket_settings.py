"""The bucket settings controls (server access logging, versioning, default
KMS encryption), proven against moto."""

import pytest

from compliance.demo.organization import create_bucket, create_log_bucket, harden_bucket
from tests.conftest import DEV, PROD, assert_unreadable, write_baseline

CONTROL = "controls/s3/test_s3_bucket_settings.py"
CONTROLS = {"s3-bucket-access-logging", "s3-bucket-versioning", "s3-bucket-kms-encryption"}


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def findings(result):
    return {f["resource"]: f["problem"] for f in result["findings"]}


def test_logged_versioned_kms_encrypted_buckets_pass(seeder, audit_roles, baseline, run_suite):
    create_log_bucket(seeder, PROD, "prod-access-logs")
    s3 = create_bucket(seeder, PROD, "prod-data")
    harden_bucket(s3, "prod-data", "prod-access-logs")
    harden_bucket(seeder.client("s3", PROD), "prod-access-logs", "prod-access-logs")

    suite = run_suite(CONTROL, baseline=baseline)

    results = suite.by_control(f"prod-{PROD}")
    assert {c: r["outcome"] for c, r in results.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    assert [b["Bucket"] for b in results["s3-bucket-versioning"]["evidence"]["buckets"]] == [
        "prod-access-logs", "prod-data"]


def test_each_missing_setting_fails(seeder, audit_roles, baseline, run_suite):
    create_log_bucket(seeder, DEV, "dev-access-logs")
    harden_bucket(seeder.client("s3", DEV), "dev-access-logs", "dev-access-logs")
    s3 = create_bucket(seeder, DEV, "suspended", versioning="Suspended")
    s3.put_bucket_encryption(Bucket="suspended", ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    create_bucket(seeder, DEV, "bare")

    suite = run_suite(CONTROL, baseline=baseline)

    results = suite.by_control(f"dev-{DEV}")
    assert findings(results["s3-bucket-access-logging"]) == {
        "arn:aws:s3:::bare": "server access logging is off", "arn:aws:s3:::suspended": "server access logging is off"}
    assert findings(results["s3-bucket-versioning"]) == {
        "arn:aws:s3:::bare": "versioning is never enabled", "arn:aws:s3:::suspended": "versioning is Suspended"}
    encryption = findings(results["s3-bucket-kms-encryption"])
    assert encryption["arn:aws:s3:::suspended"] == "default encryption is AES256, not a KMS key"
    assert set(encryption) == {"arn:aws:s3:::bare", "arn:aws:s3:::suspended"}


@pytest.mark.parametrize("operation, control", [("GetBucketLogging", "s3-bucket-access-logging"),
                                                ("GetBucketVersioning", "s3-bucket-versioning"),
                                                ("GetBucketEncryption", "s3-bucket-kms-encryption"),
                                                ("ListBuckets", None), ("GetBucketLocation", None)])
def test_unreadable_api_errors(operation, control, seeder, audit_roles, baseline, run_suite, local_aws):
    create_bucket(seeder, PROD, "prod-data")
    local_aws.inject("AccessDenied", "not authorized", service="s3", operation=operation, account=PROD)

    suite = run_suite(CONTROL, baseline=baseline)

    results = suite.by_control(f"prod-{PROD}")
    assert_unreadable(results, {control} if control else CONTROLS, f"s3:{operation}")
