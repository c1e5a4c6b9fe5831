"""The organization trail controls, proven both ways against moto."""

import json

import pytest

from compliance.demo.organization import (
    BLOCK_ALL_PUBLIC_ACCESS,
    create_archive_bucket,
    create_bucket,
    create_key,
    create_log_bucket,
    create_organization_trail,
)
from controls.cloudtrail.trail_rules import management_event_kinds, s3_data_event_kinds
from tests.conftest import (
    DEV,
    LOG_ARCHIVE,
    MANAGEMENT,
    OUTSIDER,
    PROD,
    organization_baseline,
)

CONTROLS = "controls/cloudtrail"
TRAIL_CONTROLS = [f"{CONTROLS}/test_cloudtrail_{name}.py" for name in ("organization_trail", "archive_bucket",
                                                                       "member_coverage")]
TRAIL = f"arn:aws:cloudtrail:us-east-1:{MANAGEMENT}:trail/org-trail"


@pytest.fixture
def trail_key(seeder):
    create_key(seeder, MANAGEMENT, "us-east-1", "org-trail", rotation_days=365)
    return seeder.client("kms", MANAGEMENT).describe_key(KeyId="alias/org-trail")["KeyMetadata"]["Arn"]


@pytest.fixture
def archive(seeder, organization):
    create_log_bucket(seeder, LOG_ARCHIVE, "access-logs")
    return create_archive_bucket(seeder, LOG_ARCHIVE, "org-archive", organization, "access-logs")


@pytest.fixture
def baseline(tmp_path):
    return organization_baseline(tmp_path / "baseline.yaml", regions=["us-east-1"])


def result(suite, test):
    return next(r for r in suite.results["results"] if f"::{test}" in r["nodeid"])


def problems(suite, test):
    return [f["problem"] for f in result(suite, test)["findings"]]


def test_compliant_organization_passes_everywhere(seeder, organization, archive, trail_key, baseline, run_suite):
    create_organization_trail(seeder, "org-trail", "org-archive", trail_key)

    suite = run_suite(*TRAIL_CONTROLS, baseline=baseline)

    assert suite.returncode == 0, suite.output
    assert len(suite.results["results"]) == 2 + 4  # two organization-wide tests, coverage per account


def test_each_trail_violation_is_named(seeder, organization, archive, trail_key, baseline, run_suite):
    create_bucket(seeder, MANAGEMENT, "mgmt-trail-bucket")
    create_organization_trail(seeder, "regional", "org-archive", trail_key, multi_region=False, validation=False,
                              logging=False)
    aws_managed = create_key(seeder, MANAGEMENT, "us-east-1", "disabled-key")
    seeder.client("kms", MANAGEMENT).disable_key(KeyId=aws_managed)
    trails = create_organization_trail(seeder, "write-only", "mgmt-trail-bucket",
                                       f"arn:aws:kms:us-east-1:{MANAGEMENT}:key/{aws_managed}")
    trails.put_event_selectors(TrailName="write-only", EventSelectors=[{"ReadWriteType": "WriteOnly"}])
    create_organization_trail(seeder, "unencrypted", "org-archive")

    suite = run_suite(*TRAIL_CONTROLS, baseline=organization_baseline(
        baseline, regions=["us-east-1"], controls={"cloudtrail-organization-trail": {"s3_data_events": "write"}}))

    found = {(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in
             result(suite, "test_cloudtrail_organization_trail")["findings"]}
    assert result(suite, "test_cloudtrail_organization_trail")["outcome"] == "failed"
    assert {
        ("regional", "it records one region only"),
        ("regional", "it is not logging"),
        ("regional", "log file validation is off"),
        ("write-only", "its KMS key is CUSTOMER-managed in state Disabled"),
        ("write-only", "management read events are not all recorded"),
        ("write-only", "it delivers to bucket mgmt-trail-bucket in the management account"),
        ("unencrypted", "logs are not encrypted with a KMS key"),
        ("unencrypted", "S3 data write events for all buckets are not recorded (baseline requires write)"),
    } <= found


def test_no_organization_trail_fails(seeder, organization, baseline, run_suite, local_aws):
    create_bucket(seeder, MANAGEMENT, "local-trail-bucket")
    seeder.client("cloudtrail", MANAGEMENT).create_trail(Name="local-only", S3BucketName="local-trail-bucket")
    suite = run_suite(*TRAIL_CONTROLS, baseline=baseline)
    assert problems(suite, "test_cloudtrail_organization_trail") == ["the management account has no organization trail"]
    assert problems(suite, "test_cloudtrail_archive_bucket") == [
        "no organization trail delivers to a bucket of the log-archive account"]
    assert {o for label, o in suite.outcomes().items() if label.endswith(PROD)} == {"failed"}


def test_each_archive_bucket_violation_is_named(seeder, organization, archive, trail_key, baseline, run_suite):
    create_organization_trail(seeder, "org-trail", "org-archive", trail_key)
    weak = create_bucket(seeder, LOG_ARCHIVE, "weak-archive", object_lock=True, versioning="Enabled")
    weak.put_object_lock_configuration(Bucket="weak-archive", ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}}})
    weak.put_bucket_policy(Bucket="weak-archive", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::weak-archive/*"},
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:role/reader"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::weak-archive/*"}]}))
    create_organization_trail(seeder, "second", "weak-archive", trail_key)
    create_bucket(seeder, LOG_ARCHIVE, "unlocked-archive")
    create_organization_trail(seeder, "third", "unlocked-archive", trail_key)

    suite = run_suite(*TRAIL_CONTROLS, "controls/policies/test_resource_policy_not_public.py", baseline=baseline)

    findings = result(suite, "test_cloudtrail_archive_bucket")["findings"]
    # The resource-policy control judges the same policy alike: the same statements, the same outsiders.
    bucket_policies = result(suite, f"test_bucket_policies_not_public[log-archive-{LOG_ARCHIVE}]")["findings"]
    assert [f["problem"] for f in bucket_policies if f["resource"] == "arn:aws:s3:::weak-archive"] == [
        f["problem"] for f in findings if f["resource"] == "arn:aws:s3:::weak-archive" and "policy statement" in f["problem"]]
    by_bucket = {}
    for finding in findings:
        by_bucket.setdefault(finding["resource"], []).append(finding["problem"])
    assert "arn:aws:s3:::org-archive" not in by_bucket
    assert by_bucket["arn:aws:s3:::weak-archive"] == [
        "default retention mode is GOVERNANCE, not COMPLIANCE",
        "default retention is 30 days, below 365",
        "Block Public Access is not fully on for the bucket or its account",
        "the bucket policy does not deny requests without TLS (aws:SecureTransport false)",
        "server access logging is off",
        "policy statement Anyone allows s3:GetObject on arn:aws:s3:::weak-archive/any-object to anyone, unauthenticated",
        "policy statement Partner allows s3:GetObject on arn:aws:s3:::weak-archive/any-object to "
        "arn:aws:iam::999988887777:role/reader, outside the organization",
    ]
    assert by_bucket["arn:aws:s3:::unlocked-archive"][:2] == [
        "Object Lock is not enabled (it can only be enabled on a versioned bucket; a new bucket may be needed)",
        "versioning is not enabled",
    ]


def test_governance_mode_and_account_block_public_access_pass_when_allowed(
        seeder, organization, trail_key, tmp_path, run_suite):
    create_log_bucket(seeder, LOG_ARCHIVE, "access-logs")
    bucket = create_archive_bucket(seeder, LOG_ARCHIVE, "org-archive", organization, "access-logs", mode="GOVERNANCE")
    bucket.delete_public_access_block(Bucket="org-archive")
    seeder.client("s3control", LOG_ARCHIVE).put_public_access_block(
        AccountId=LOG_ARCHIVE, PublicAccessBlockConfiguration=BLOCK_ALL_PUBLIC_ACCESS)
    create_organization_trail(seeder, "org-trail", "org-archive", trail_key)
    baseline = organization_baseline(tmp_path / "b.yaml", regions=["us-east-1"], controls={
        "cloudtrail-archive-bucket": {"allowed_modes": ["COMPLIANCE", "GOVERNANCE"]}})

    suite = run_suite(f"{CONTROLS}/test_cloudtrail_archive_bucket.py", baseline=baseline)

    assert suite.returncode == 0, suite.output


def test_member_coverage(seeder, organization, archive, trail_key, tmp_path, run_suite):
    create_organization_trail(seeder, "org-trail", "org-archive", trail_key)
    baseline = organization_baseline(tmp_path / "b.yaml", regions=["us-east-1"])
    text = baseline.read_text().replace(f"- id: '{DEV}'", f"- id: '{OUTSIDER}'\n    name: acquired\n  - id: '{DEV}'")
    baseline.write_text(text)

    suite = run_suite(f"{CONTROLS}/test_cloudtrail_member_coverage.py", baseline=baseline)

    assert suite.outcomes() == {f"management-{MANAGEMENT}": "passed", f"log-archive-{LOG_ARCHIVE}": "passed",
                                f"prod-{PROD}": "passed", f"dev-{DEV}": "passed", f"acquired-{OUTSIDER}": "failed"}
    assert suite.result(f"acquired-{OUTSIDER}")["findings"][0]["problem"] == (
        f"no organization trail covers account {OUTSIDER}")


def test_member_coverage_fails_when_the_trail_stops_logging(seeder, organization, archive, trail_key, baseline,
                                                             run_suite):
    create_organization_trail(seeder, "org-trail", "org-archive", trail_key).stop_logging(Name="org-trail")
    suite = run_suite(f"{CONTROLS}/test_cloudtrail_member_coverage.py", baseline=baseline)
    assert suite.result(f"prod-{PROD}")["findings"][0]["problem"] == (
        f"organization trail(s) {TRAIL} are visible but none is multi-region and logging")


@pytest.mark.parametrize("service, operation, account, test", [
    ("cloudtrail", "DescribeTrails", MANAGEMENT, "test_cloudtrail_organization_trail"),
    ("cloudtrail", "GetEventSelectors", MANAGEMENT, "test_cloudtrail_organization_trail"),
    ("kms", "DescribeKey", MANAGEMENT, "test_cloudtrail_organization_trail"),
    ("s3", None, LOG_ARCHIVE, "test_cloudtrail_archive_bucket"),
    ("cloudtrail", "GetTrailStatus", PROD, f"test_cloudtrail_member_coverage[prod-{PROD}]"),
])
def test_unreadable_apis_error(service, operation, account, test, seeder, organization, archive, trail_key,
                               baseline, run_suite, local_aws):
    create_organization_trail(seeder, "org-trail", "org-archive", trail_key)
    local_aws.inject("AccessDenied", "denied", service=service, operation=operation, account=account, status=403)

    suite = run_suite(*TRAIL_CONTROLS, baseline=baseline)

    denied = result(suite, test)
    assert denied["outcome"] == "error"
    assert "AccessDenied" in denied["message"] and account in denied["message"]


def test_management_events_from_basic_and_advanced_selectors():
    assert management_event_kinds({"EventSelectors": [{"ReadWriteType": "All"}]}) == {"read", "write"}
    assert management_event_kinds({"EventSelectors": [{"ReadWriteType": "ReadOnly"},
                                                      {"ReadWriteType": "WriteOnly"}]}) == {"read", "write"}
    assert management_event_kinds({"EventSelectors": [
        {"ReadWriteType": "All", "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]}) == set()
    assert management_event_kinds({"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": False}]}) == set()
    advanced = {"AdvancedEventSelectors": [{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]}
    assert management_event_kinds(advanced) == {"read", "write"}
    advanced["AdvancedEventSelectors"][0]["FieldSelectors"].append({"Field": "readOnly", "Equals": ["false"]})
    assert management_event_kinds(advanced) == {"write"}
    advanced["AdvancedEventSelectors"][0]["FieldSelectors"].append({"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]})
    assert management_event_kinds(advanced) == set()


def test_s3_data_events_must_cover_every_bucket():
    every = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}
    one = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::one-bucket/"]}
    assert s3_data_event_kinds({"EventSelectors": [{"ReadWriteType": "WriteOnly", "DataResources": [every]}]}) == {"write"}
    assert s3_data_event_kinds({"EventSelectors": [{"ReadWriteType": "All", "DataResources": [one]}]}) == set()
    advanced = {"AdvancedEventSelectors": [{"FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]}
    assert s3_data_event_kinds(advanced) == {"read", "write"}
    advanced["AdvancedEventSelectors"][0]["FieldSelectors"].append({"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::one/"]})
    assert s3_data_event_kinds(advanced) == set()


def test_s3_data_events_for_one_bucket():
    bucket = "arn:aws:s3:::one"
    named = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::one/"]}
    prefix = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::one/logs/"]}
    assert s3_data_event_kinds({"EventSelectors": [{"ReadWriteType": "ReadOnly", "DataResources": [named]}]},
                               bucket) == {"read"}
    assert s3_data_event_kinds({"EventSelectors": [{"ReadWriteType": "All", "DataResources": [prefix]}]},
                               bucket) == set()
    advanced = {"AdvancedEventSelectors": [{"FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
        {"Field": "readOnly", "Equals": ["false"]},
        {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::other/", "arn:aws:s3:::on"]}]}]}
    assert s3_data_event_kinds(advanced, bucket) == {"write"}
    assert s3_data_event_kinds(advanced, "arn:aws:s3:::two") == set()
    advanced["AdvancedEventSelectors"][0]["FieldSelectors"][3] = {
        "Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::one/"], "NotEndsWith": [".tmp"]}
    assert s3_data_event_kinds(advanced, bucket) == set()  # part of the bucket only
