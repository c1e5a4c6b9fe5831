"""Every bucket: lifecycle rules, Object Lock, replication to another region,
event notifications, and no ACLs in force."""

import pytest

from compliance.inventory.s3 import bucket_name
from controls.s3.buckets import bucket_findings

DESTINATION_LISTS = ("TopicConfigurations", "QueueConfigurations", "LambdaFunctionConfigurations")


def enabled_rules(rules):
    return [r for r in rules or [] if r.get("Status") == "Enabled"]


@pytest.mark.control("s3-bucket-lifecycle")
def test_s3_bucket_lifecycle(bucket_lifecycle, params, partition, evidence):
    judged = [b for b in bucket_lifecycle if params["buckets"] == "all" or b["Versioning"].get("Status") == "Enabled"]
    bucket_findings(
        evidence, judged, partition,
        lambda b: None if enabled_rules(b["LifecycleRules"]) else "the bucket has no enabled lifecycle rule",
        lambda b: (f"aws s3api put-bucket-lifecycle-configuration --bucket {b['Bucket']} --lifecycle-configuration "
                   "'{\"Rules\":[{\"ID\":\"expire-old-versions\",\"Status\":\"Enabled\",\"Filter\":{},"
                   "\"NoncurrentVersionExpiration\":{\"NoncurrentDays\":90},"
                   "\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":7}}]}'"))


@pytest.mark.control("s3-bucket-object-lock")
def test_s3_bucket_object_lock(bucket_object_lock, partition, evidence):
    bucket_findings(
        evidence, bucket_object_lock, partition,
        lambda b: None if (b["ObjectLock"] or {}).get("ObjectLockEnabled") == "Enabled" else
        "Object Lock is not enabled",
        lambda b: (f"aws s3api put-object-lock-configuration --bucket {b['Bucket']} --object-lock-configuration "
                   "ObjectLockEnabled=Enabled (versioning must be on), with a default retention where the data "
                   "must be kept"))


def replication_problem(bucket):
    rules = enabled_rules((bucket["Replication"] or {}).get("Rules"))
    if not rules:
        return "the bucket does not replicate"
    destinations = {bucket_name(r["Destination"]["Bucket"]) for r in rules}
    if all(bucket["DestinationRegions"][d] == bucket["Region"] for d in destinations):
        return f"the bucket replicates only within {bucket['Region']}"
    return None


@pytest.mark.control("s3-bucket-replication")
def test_s3_bucket_replication(bucket_replication, partition, evidence):
    bucket_findings(
        evidence, bucket_replication, partition, replication_problem,
        lambda b: (f"aws s3api put-bucket-replication --bucket {b['Bucket']} --replication-configuration "
                   "'{\"Role\":\"<replication role ARN>\",\"Rules\":[{\"Status\":\"Enabled\",\"Priority\":1,"
                   "\"Filter\":{},\"DeleteMarkerReplication\":{\"Status\":\"Disabled\"},"
                   "\"Destination\":{\"Bucket\":\"<bucket ARN in another region>\"}}]}'"))


@pytest.mark.control("s3-bucket-event-notifications")
def test_s3_bucket_event_notifications(bucket_notifications, partition, evidence):
    # Each destination member is absent when none of its kind is configured;
    # EventBridgeConfiguration, when present, is an empty structure.
    bucket_findings(
        evidence, bucket_notifications, partition,
        lambda b: None if "EventBridgeConfiguration" in b["Notifications"]
        or any(b["Notifications"].get(m) for m in DESTINATION_LISTS) else "the bucket sends no event notifications",
        lambda b: (f"aws s3api put-bucket-notification-configuration --bucket {b['Bucket']} "
                   "--notification-configuration '{\"EventBridgeConfiguration\":{}}' (or an SNS topic, SQS queue "
                   "or Lambda function for the events that matter)"))


@pytest.mark.control("s3-bucket-acls-disabled")
def test_s3_bucket_acls_disabled(bucket_object_ownership, partition, evidence):
    # Without ownership controls (buckets created before April 2023), ObjectWriter applies and ACLs are in force.
    bucket_findings(
        evidence, bucket_object_ownership, partition,
        lambda b: None if b["ObjectOwnership"] == "BucketOwnerEnforced" else
        f"ACLs are in force (Object Ownership is {b['ObjectOwnership'] or 'not set: ObjectWriter'})",
        lambda b: (f"aws s3api put-bucket-ownership-controls --bucket {b['Bucket']} --ownership-controls "
                   "'Rules=[{ObjectOwnership=BucketOwnerEnforced}]' (grant through policies what ACLs granted first)"))
