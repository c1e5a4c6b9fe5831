"""Every bucket: Block Public Access (account or bucket) and a TLS-only policy."""

import pytest

from compliance.evidence import Finding
from compliance.inventory.s3 import block_settings_off
from compliance.policy import denies_insecure_transport


@pytest.mark.control("s3-block-public-access")
def test_s3_block_public_access(bucket_policies, account_target, partition, evidence):
    evidence.record("buckets", bucket_policies)
    account_off = block_settings_off(bucket_policies[0]["AccountPublicAccessBlock"]) if bucket_policies else []
    findings = [
        Finding(f"arn:{partition}:s3:::{b['Bucket']}",
                f"Block Public Access is off for the account ({', '.join(account_off)}) and for the bucket "
                f"({', '.join(block_settings_off(b['PublicAccessBlock']))})",
                f"aws s3control put-public-access-block --account-id {account_target.id} "
                "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
                "BlockPublicPolicy=true,RestrictPublicBuckets=true")
        for b in bucket_policies if account_off and block_settings_off(b["PublicAccessBlock"])
    ]
    evidence.verdict(findings)


@pytest.mark.control("s3-tls-only")
def test_s3_tls_only(bucket_policies, account_target, trust_zone, partition, evidence):
    evidence.record("buckets", [{k: b[k] for k in ("Bucket", "Region", "Policy")} for b in bucket_policies])
    findings = [
        Finding(f"arn:{partition}:s3:::{b['Bucket']}",
                "the bucket has no policy" if b["Policy"] is None else
                "the bucket policy does not deny every request without TLS (aws:SecureTransport false)",
                "add a Deny statement for Principal *, Action s3:*, the bucket and its objects, with Condition "
                "Bool aws:SecureTransport false")
        for b in bucket_policies
        if not denies_insecure_transport(b["Policy"], b["Bucket"], partition, (account_target.id, trust_zone.organization_id))
    ]
    evidence.verdict(findings)
