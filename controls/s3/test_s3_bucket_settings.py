"""Every bucket: server access logging, versioning, default encryption with KMS."""

import pytest

from controls.s3.buckets import bucket_findings

KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


def encryption_algorithms(rules):
    return [r.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm") for r in rules or []]


@pytest.mark.control("s3-bucket-access-logging")
def test_s3_bucket_access_logging(bucket_logging, partition, evidence):
    bucket_findings(
        evidence, bucket_logging, partition,
        lambda b: None if b["Logging"] else "server access logging is off",
        lambda b: (f"aws s3api put-bucket-logging --bucket {b['Bucket']} --bucket-logging-status "
                   "'LoggingEnabled={TargetBucket=<log bucket in the same region>,TargetPrefix=" + b["Bucket"] + "/}'"))


@pytest.mark.control("s3-bucket-versioning")
def test_s3_bucket_versioning(bucket_versioning, partition, evidence):
    bucket_findings(
        evidence, bucket_versioning, partition,
        lambda b: None if b["Versioning"].get("Status") == "Enabled" else
        f"versioning is {b['Versioning'].get('Status', 'never enabled')}",
        lambda b: f"aws s3api put-bucket-versioning --bucket {b['Bucket']} --versioning-configuration Status=Enabled")


@pytest.mark.control("s3-bucket-kms-encryption")
def test_s3_bucket_kms_encryption(bucket_encryption, partition, evidence):
    bucket_findings(
        evidence, bucket_encryption, partition,
        lambda b: None if set(encryption_algorithms(b["Encryption"])) & set(KMS_ALGORITHMS) else
        f"default encryption is {', '.join(map(str, encryption_algorithms(b['Encryption']))) or 'not configured'}, "
        "not a KMS key",
        lambda b: (f"aws s3api put-bucket-encryption --bucket {b['Bucket']} --server-side-encryption-configuration "
                   "'{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\","
                   "\"KMSMasterKeyID\":\"<key ARN>\"},\"BucketKeyEnabled\":true}]}'"))
