"""Every bucket: Block Public Access (account and bucket, or either) and a TLS-only policy."""

import pytest

from compliance.evidence import Finding, root_arn
from compliance.inventory.s3 import block_settings_off
from compliance.policy import denies_insecure_transport

ALL_ON = "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
ACCOUNT_FIX = "aws s3control put-public-access-block --account-id {account} --public-access-block-configuration " + ALL_ON
BUCKET_FIX = "aws s3api put-public-access-block --bucket {bucket} --public-access-block-configuration " + ALL_ON


@pytest.mark.control("s3-block-public-access")
def test_s3_block_public_access(bucket_policies, account_target, account_block_public_access, partition, params,
                                evidence):
    evidence.record("account_public_access_block", account_block_public_access)
    evidence.record("buckets", [{k: b[k] for k in ("Bucket", "Region", "PublicAccessBlock")} for b in bucket_policies])
    account_off = block_settings_off(account_block_public_access)
    both = params["levels"] == "both"
    findings = [Finding(root_arn(partition, account_target.id),
                        f"Block Public Access is off for the account ({', '.join(account_off)})", ACCOUNT_FIX.format(
                            account=account_target.id))] if both and account_off else []
    findings += [
        Finding(f"arn:{partition}:s3:::{b['Bucket']}",
                "Block Public Access is off " + ("" if both else f"for the account ({', '.join(account_off)}) and ")
                + f"for the bucket ({', '.join(block_settings_off(b['PublicAccessBlock']))})",
                BUCKET_FIX.format(bucket=b["Bucket"]) if both else ACCOUNT_FIX.format(account=account_target.id))
        for b in bucket_policies if (both or account_off) and block_settings_off(b["PublicAccessBlock"])
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
