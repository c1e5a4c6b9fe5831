"""Block Public Access and TLS-only bucket policies, proven against moto."""

import json

import pytest

from compliance.demo.organization import create_bucket
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/s3/test_s3_bucket_access.py"
ALL_ON = {name: True for name in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}


def tls_only(bucket, extra_condition=None):
    condition = {"Bool": {"aws:SecureTransport": "false"}} | (extra_condition or {})
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"], "Condition": condition}]})


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def either(tmp_path):
    return write_baseline(tmp_path / "either.yaml", controls={"s3-block-public-access": {"levels": "either"}})


def test_account_and_bucket_blocks_and_tls_policies_pass(seeder, audit_roles, baseline, run_suite):
    seeder.client("s3control", PROD).put_public_access_block(AccountId=PROD, PublicAccessBlockConfiguration=ALL_ON)
    s3 = seeder.client("s3", PROD)
    for bucket in ("prod-data", "prod-logs"):
        create_bucket(seeder, PROD, bucket)
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=ALL_ON)
        s3.put_bucket_policy(Bucket=bucket, Policy=tls_only(bucket))
    suite = run_suite(CONTROL, baseline=baseline)
    assert {r["outcome"] for r in suite.by_control(f"prod-{PROD}").values()} == {"passed"}, suite.output


def test_one_level_fails_fsbps_reading_and_passes_cis(seeder, audit_roles, baseline, tmp_path, run_suite):
    create_bucket(seeder, PROD, "prod-data")  # the bucket blocks, the account does not
    seeder.client("s3", PROD).put_public_access_block(Bucket="prod-data", PublicAccessBlockConfiguration=ALL_ON)
    seeder.client("s3control", DEV).put_public_access_block(AccountId=DEV, PublicAccessBlockConfiguration=ALL_ON)
    create_bucket(seeder, DEV, "dev-data")  # the account blocks, the bucket does not

    both = run_suite(CONTROL, baseline=baseline)
    problems = {f["resource"]: f["problem"] for label in (f"prod-{PROD}", f"dev-{DEV}")
                for f in both.by_control(label)["s3-block-public-access"]["findings"]}
    assert problems == {
        f"arn:aws:iam::{PROD}:root": "Block Public Access is off for the account (BlockPublicAcls, IgnorePublicAcls, "
                                     "BlockPublicPolicy, RestrictPublicBuckets)",
        "arn:aws:s3:::dev-data": "Block Public Access is off for the bucket (BlockPublicAcls, IgnorePublicAcls, "
                                 "BlockPublicPolicy, RestrictPublicBuckets)"}
    cis = run_suite(CONTROL, baseline=either(tmp_path))
    assert {cis.by_control(label)["s3-block-public-access"]["outcome"] for label in (f"prod-{PROD}", f"dev-{DEV}")} \
        == {"passed"}, cis.output


def test_each_violation_fails(seeder, audit_roles, tmp_path, run_suite):
    s3 = seeder.client("s3", DEV)
    create_bucket(seeder, DEV, "no-policy")
    create_bucket(seeder, DEV, "outsiders-only")  # insiders may still use HTTP
    s3.put_bucket_policy(Bucket="outsiders-only",
                         Policy=tls_only("outsiders-only", {"StringNotEquals": {"aws:PrincipalOrgID": "o-dev1234567"}}))
    create_bucket(seeder, DEV, "half-blocked")
    s3.put_public_access_block(Bucket="half-blocked", PublicAccessBlockConfiguration={"BlockPublicAcls": True})
    s3.put_bucket_policy(Bucket="half-blocked", Policy=tls_only("half-blocked"))

    suite = run_suite(CONTROL, baseline=either(tmp_path))

    results = suite.by_control(f"dev-{DEV}")
    blocked = {f["resource"]: f["problem"] for f in results["s3-block-public-access"]["findings"]}
    assert set(blocked) == {"arn:aws:s3:::no-policy", "arn:aws:s3:::outsiders-only", "arn:aws:s3:::half-blocked"}
    assert blocked["arn:aws:s3:::half-blocked"].endswith(
        "for the bucket (IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets)")
    tls = {f["resource"]: f["problem"] for f in results["s3-tls-only"]["findings"]}
    assert tls == {"arn:aws:s3:::no-policy": "the bucket has no policy",
                   "arn:aws:s3:::outsiders-only":
                       "the bucket policy does not deny every request without TLS (aws:SecureTransport false)"}


@pytest.mark.parametrize("service, operation", [("s3", "GetBucketPolicy"), ("s3control", "GetPublicAccessBlock")])
def test_unreadable_api_errors(service, operation, seeder, audit_roles, baseline, run_suite, local_aws):
    create_bucket(seeder, PROD, "prod-data")
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    results = suite.by_control(f"prod-{PROD}")
    assert {r["outcome"] for r in results.values()} == {"error"}
    assert all(f"could not read {service}:{operation}" in r["message"] for r in results.values())
