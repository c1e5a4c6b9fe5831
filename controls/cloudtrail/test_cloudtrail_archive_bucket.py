"""The organization trail's bucket is an Object-Locked, private, TLS-only,
logged archive that only the organization can reach."""

import pytest

from compliance.evidence import Finding, root_arn
from compliance.inventory.s3 import block_settings_off, restricts_public_buckets
from compliance.policy import bucket_resources, denies_insecure_transport, outside_findings


def retention_days(retention):
    return retention.get("Days") or 365 * retention.get("Years", 0)


def object_lock_problems(lock, minimum_days, allowed_modes):
    if not lock or lock.get("ObjectLockEnabled") != "Enabled":
        return ["Object Lock is not enabled (it can only be enabled on a versioned bucket; a new bucket may be needed)"]
    retention = (lock.get("Rule") or {}).get("DefaultRetention")
    if not retention:
        return ["Object Lock has no default retention"]
    problems = []
    if retention.get("Mode") not in allowed_modes:
        problems.append(f"default retention mode is {retention.get('Mode')}, not {' or '.join(allowed_modes)}")
    if retention_days(retention) < minimum_days:
        problems.append(f"default retention is {retention_days(retention)} days, below {minimum_days}")
    return problems


def bucket_problems(bucket, zone, management_account, params, partition):
    """(problem, fix) for each requirement the archive bucket misses."""
    name = bucket["Bucket"]
    lock_fix = (f"aws s3api put-object-lock-configuration --bucket {name} --object-lock-configuration "
                f"'ObjectLockEnabled=Enabled,Rule={{DefaultRetention={{Mode=COMPLIANCE,Days={params['minimum_retention_days']}}}}}'")
    problems = [(p, lock_fix) for p in object_lock_problems(
        bucket["ObjectLock"], params["minimum_retention_days"], params["allowed_modes"])]
    if bucket["Versioning"].get("Status") != "Enabled":
        problems.append(("versioning is not enabled",
                         f"aws s3api put-bucket-versioning --bucket {name} --versioning-configuration Status=Enabled"))
    if block_settings_off(bucket["PublicAccessBlock"]) and block_settings_off(bucket["AccountPublicAccessBlock"]):
        problems.append(("Block Public Access is not fully on for the bucket or its account",
                         f"aws s3api put-public-access-block --bucket {name} --public-access-block-configuration "
                         "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"))
    insider = (management_account.id, zone.organization_id)  # a caller inside the organization must be denied too
    if not denies_insecure_transport(bucket["Policy"], name, partition, insider):
        problems.append(("the bucket policy does not deny requests without TLS (aws:SecureTransport false)",
                         "add a Deny statement for Principal *, Action s3:*, the bucket and its objects, "
                         "with Condition Bool aws:SecureTransport false"))
    if not bucket["Logging"]:
        problems.append(("server access logging is off",
                         f"aws s3api put-bucket-logging --bucket {name} --bucket-logging-status <target bucket and prefix>"))
    restrict = f"aws:PrincipalOrgID {zone.organization_id}" if zone.organization_id else "aws:PrincipalOrgID"
    problems += [(f.problem, f.fix) for f in outside_findings(
        f"arn:{partition}:s3:::{name}", bucket["Policy"], bucket_resources(name, partition), "s3", zone,
        f"remove the statement or restrict it with {restrict}", public_blocked=restricts_public_buckets(bucket))]
    return problems


@pytest.mark.control("cloudtrail-archive-bucket")
def test_cloudtrail_archive_bucket(organization_trails, trail_archive_buckets, trust_zone, management_account,
                                  partition, params, evidence):
    evidence.record("trail_buckets", {t["TrailARN"]: [t["S3BucketName"], t["BucketOwner"]] for t in organization_trails})
    evidence.record("archive_buckets", trail_archive_buckets)
    evidence.record("trust_zone", trust_zone.summary())
    findings = [
        Finding(f"arn:{partition}:s3:::{bucket['Bucket']}", problem, fix)
        for bucket in trail_archive_buckets
        for problem, fix in bucket_problems(bucket, trust_zone, management_account, params, partition)
    ]
    if not trail_archive_buckets:
        findings.append(Finding(
            root_arn(partition, management_account.id),
            "no organization trail delivers to a bucket of the log-archive account",
            "create the organization trail with a log-archive bucket as its destination",
        ))
    evidence.verdict(findings)
