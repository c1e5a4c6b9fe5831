"""Archive buckets (and, for FSBP S3.20, every bucket) have versioning and MFA Delete enabled."""

import pytest

from compliance.evidence import Finding


def expires_noncurrent_versions(rule):
    return rule.get("Status") == "Enabled" and "NoncurrentVersionExpiration" in rule


def bucket_findings(bucket, partition):
    arn = f"arn:{partition}:s3:::{bucket['Bucket']}"
    enable = (f"as the root user: aws s3api put-bucket-versioning --bucket {bucket['Bucket']} "
              "--versioning-configuration Status=Enabled,MFADelete=Enabled --mfa \"<root MFA device ARN> <code>\"")
    status = bucket["Versioning"].get("Status", "never enabled")
    findings = []
    if status != "Enabled":
        findings.append(Finding(arn, f"versioning is {status}", enable))
    if bucket["Versioning"].get("MFADelete") != "Enabled":
        findings.append(Finding(arn, f"MFA Delete is {bucket['Versioning'].get('MFADelete', 'not enabled')}", enable))
    for rule in filter(expires_noncurrent_versions, bucket["LifecycleRules"]):
        findings.append(Finding(
            arn,
            f"lifecycle rule {rule.get('ID', '(unnamed)')} expires noncurrent versions, which conflicts with MFA Delete",
            "remove the NoncurrentVersionExpiration action; keep versions with Object Lock retention instead",
        ))
    return findings


@pytest.mark.control("s3-archive-mfa-delete")
def test_s3_archive_mfa_delete(archive_buckets, partition, evidence):
    evidence.record("archive_buckets", archive_buckets)
    evidence.verdict([f for bucket in archive_buckets for f in bucket_findings(bucket, partition)])


@pytest.mark.control("s3-bucket-mfa-delete")
def test_s3_bucket_mfa_delete(bucket_lifecycle, partition, evidence):
    evidence.record("buckets", bucket_lifecycle)
    evidence.verdict([f for bucket in bucket_lifecycle for f in bucket_findings(bucket, partition)])
