"""The bucket safeguard controls (lifecycle, Object Lock, replication, event
notifications, ACLs) and the archive MFA Delete control's bucket scope,
proven against moto."""

import pytest

from compliance.demo.organization import create_bucket
from compliance.demo.seed_storage import replicate, safeguard_bucket
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/s3/test_s3_bucket_resilience.py"
CONTROLS = {"s3-bucket-lifecycle", "s3-bucket-object-lock", "s3-bucket-replication", "s3-bucket-event-notifications",
            "s3-bucket-acls-disabled"}


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def problems(result):
    return sorted((f["resource"].removeprefix("arn:aws:s3:::"), f["problem"]) for f in result["findings"])


def test_safeguarded_buckets_pass_and_each_missing_safeguard_fails(seeder, audit_roles, baseline, run_suite):
    for name, region, replica in (("prod-data", "us-east-1", "prod-replica"), ("prod-replica", "eu-west-1", "prod-data")):
        s3 = create_bucket(seeder, PROD, name, region, object_lock=True)
        safeguard_bucket(s3, PROD, name, f"arn:aws:s3:::{replica}")
    s3 = create_bucket(seeder, DEV, "dev-plain", versioning="Enabled")
    s3.put_bucket_ownership_controls(Bucket="dev-plain", OwnershipControls={"Rules": [
        {"ObjectOwnership": "ObjectWriter"}]})
    s3 = create_bucket(seeder, DEV, "dev-nearby", object_lock=True)
    safeguard_bucket(s3, DEV, "dev-nearby", "arn:aws:s3:::dev-plain")
    s3.put_bucket_lifecycle_configuration(Bucket="dev-nearby", LifecycleConfiguration={"Rules": [
        {"ID": "off", "Status": "Disabled", "Filter": {}, "Expiration": {"Days": 30}}]})
    s3.delete_bucket_ownership_controls(Bucket="dev-nearby")

    suite = run_suite(CONTROL, baseline=baseline)

    prod = suite.by_control(f"prod-{PROD}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    dev = suite.by_control(f"dev-{DEV}")
    assert problems(dev["s3-bucket-lifecycle"]) == [("dev-nearby", "the bucket has no enabled lifecycle rule"),
                                                    ("dev-plain", "the bucket has no enabled lifecycle rule")]
    assert problems(dev["s3-bucket-object-lock"]) == [("dev-plain", "Object Lock is not enabled")]
    assert problems(dev["s3-bucket-replication"]) == [("dev-nearby", "the bucket replicates only within us-east-1"),
                                                      ("dev-plain", "the bucket does not replicate")]
    assert problems(dev["s3-bucket-event-notifications"]) == [("dev-plain", "the bucket sends no event notifications")]
    assert problems(dev["s3-bucket-acls-disabled"]) == [
        ("dev-nearby", "ACLs are in force (Object Ownership is not set: ObjectWriter)"),
        ("dev-plain", "ACLs are in force (Object Ownership is ObjectWriter)")]


def test_versioned_buckets_only_when_the_baseline_says_so(seeder, audit_roles, tmp_path, run_suite):
    create_bucket(seeder, PROD, "unversioned")
    create_bucket(seeder, PROD, "versioned", versioning="Enabled")
    baseline = write_baseline(tmp_path / "b.yaml", accounts={"list": [{"id": PROD, "name": "prod"}]},
                              controls={"s3-bucket-lifecycle": {"buckets": "versioned"}})
    suite = run_suite(f"{CONTROL}::test_s3_bucket_lifecycle", baseline=baseline)
    assert problems(suite.result(f"prod-{PROD}")) == [("versioned", "the bucket has no enabled lifecycle rule")]


@pytest.mark.parametrize("operation, control", [
    ("GetBucketLifecycleConfiguration", "s3-bucket-lifecycle"), ("GetObjectLockConfiguration", "s3-bucket-object-lock"),
    ("GetBucketReplication", "s3-bucket-replication"),
    ("GetBucketNotificationConfiguration", "s3-bucket-event-notifications"),
    ("GetBucketOwnershipControls", "s3-bucket-acls-disabled")])
def test_unreadable_bucket_settings_error(operation, control, seeder, audit_roles, baseline, run_suite, local_aws):
    create_bucket(seeder, PROD, "prod-data")
    local_aws.inject("AccessDenied", "not authorized", service="s3", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    assert_unreadable(suite.by_control(f"prod-{PROD}"), {control}, f"s3:{operation}")


def test_moto_gives_new_buckets_owner_enforced_object_ownership(seeder):
    s3 = seeder.client("s3", DEV)
    s3.create_bucket(Bucket="new-bucket")
    s3.create_bucket(Bucket="writer-owned", ObjectOwnership="ObjectWriter")
    assert [s3.get_bucket_ownership_controls(Bucket=b)["OwnershipControls"]["Rules"][0]["ObjectOwnership"]
            for b in ("new-bucket", "writer-owned")] == ["BucketOwnerEnforced", "ObjectWriter"]


def test_moto_reports_eventbridge_notifications(seeder):
    s3 = seeder.client("s3", DEV)
    s3.create_bucket(Bucket="notifying")
    assert "EventBridgeConfiguration" not in s3.get_bucket_notification_configuration(Bucket="notifying")
    s3.put_bucket_notification_configuration(Bucket="notifying", NotificationConfiguration={
        "EventBridgeConfiguration": {}})
    assert s3.get_bucket_notification_configuration(Bucket="notifying")["EventBridgeConfiguration"] == {}


def test_mfa_delete_of_every_bucket(seeder, audit_roles, tmp_path, run_suite, local_aws):
    create_bucket(seeder, PROD, "guarded", versioning="Enabled", mfa_delete="Enabled")
    create_bucket(seeder, PROD, "unguarded", versioning="Enabled")
    create_bucket(seeder, DEV, "dev-guarded", versioning="Enabled", mfa_delete="Enabled")
    local_aws.inject("AccessDenied", "not authorized", service="s3", operation="GetBucketLifecycleConfiguration",
                     account=DEV)
    baseline = write_baseline(tmp_path / "b.yaml")
    suite = run_suite("controls/s3/test_s3_archive_mfa_delete.py", "-k", "bucket_mfa_delete", baseline=baseline)
    assert problems(suite.result(f"prod-{PROD}")) == [("unguarded", "MFA Delete is not enabled")]
    dev = suite.result(f"dev-{DEV}")
    assert dev["outcome"] == "error" and "could not read s3:GetBucketLifecycleConfiguration" in dev["message"]


def test_moto_reports_replication_rules_as_put(seeder):
    s3 = create_bucket(seeder, DEV, "replicating", versioning="Enabled")
    replicate(s3, DEV, "replicating", "arn:aws:s3:::copy", Filter=None, DeleteMarkerReplication=None, Prefix="logs/")
    (rule,) = s3.get_bucket_replication(Bucket="replicating")["ReplicationConfiguration"]["Rules"]
    assert rule["Prefix"] == "logs/" and "Filter" not in rule and "DeleteMarkerReplication" not in rule
    replicate(s3, DEV, "replicating", "arn:aws:s3:::copy", DeleteMarkerReplication={"Status": "Enabled"})
    (rule,) = s3.get_bucket_replication(Bucket="replicating")["ReplicationConfiguration"]["Rules"]
    assert rule["Filter"] == {} and rule["DeleteMarkerReplication"] == {"Status": "Enabled"}


ACCESS_POINTS = "controls/s3/test_s3_access_points.py"


def access_point(seeder, account, name, **settings):
    create_bucket(seeder, account, f"{name}-bucket", REGION)
    seeder.client("s3control", account, REGION).create_access_point(AccountId=account, Name=name,
                                                                     Bucket=f"{name}-bucket", **settings)
    return f"arn:aws:s3:{REGION}:{account}:accesspoint/{name}"


def test_access_points_blocking_public_access_pass_and_open_ones_fail(seeder, audit_roles, regional_baseline,
                                                                       run_suite):
    access_point(seeder, PROD, "reports")
    open_point = access_point(seeder, DEV, "open", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
    suite = run_suite(ACCESS_POINTS, baseline=regional_baseline)
    assert suite.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", suite.output
    assert [(f["resource"], f["problem"]) for f in suite.result(f"dev-{DEV}-{REGION}")["findings"]] == [
        (open_point, "Block Public Access is off for the access point (BlockPublicPolicy, RestrictPublicBuckets)")]


def test_unreadable_access_points_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    access_point(seeder, DEV, "reports")
    local_aws.inject("AccessDenied", "not authorized", service="s3control", operation="ListAccessPoints", account=PROD)
    local_aws.inject("AccessDenied", "not authorized", service="s3control", operation="GetAccessPoint", account=DEV)
    suite = run_suite(ACCESS_POINTS, baseline=regional_baseline)
    for label, operation in ((f"prod-{PROD}-{REGION}", "ListAccessPoints"), (f"dev-{DEV}-{REGION}", "GetAccessPoint")):
        result = suite.result(label)
        assert result["outcome"] == "error" and f"could not read s3control:{operation}" in result["message"]


def test_moto_keeps_access_points_in_their_region(seeder):
    create_bucket(seeder, DEV, "regional-bucket", REGION)
    here, there = (seeder.client("s3control", DEV, region) for region in (REGION, "us-east-1"))
    arn = here.create_access_point(AccountId=DEV, Name="regional", Bucket="regional-bucket")["AccessPointArn"]
    assert arn == f"arn:aws:s3:{REGION}:{DEV}:accesspoint/regional"
    assert [p["AccessPointArn"] for p in here.list_access_points(AccountId=DEV)["AccessPointList"]] == [arn]
    assert there.list_access_points(AccountId=DEV)["AccessPointList"] == []
