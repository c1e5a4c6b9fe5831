"""The IAM policy scope controls (no decryption with every KMS key, no whole
services granted), proven against moto."""

import json

import pytest

from tests.conftest import DEV, PROD, assert_unreadable, write_baseline
from tests.test_iam_admin_policies import ASSUME, attach, attach_aws_managed

CONTROL = "controls/iam/test_iam_policy_scope.py"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def create_policy(seeder, account, name, statement):
    return seeder.client("iam", account).create_policy(PolicyName=name, PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [statement]}))["Policy"]["Arn"]


def inline(seeder, account, role, statement):
    iam = seeder.client("iam", account)
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=ASSUME)
    iam.put_role_policy(RoleName=role, PolicyName=f"{role}-inline", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [statement]}))
    return f"arn:aws:iam::{account}:role/{role}"


def problems(result):
    return sorted((f["resource"], f["problem"]) for f in result["findings"])


def test_scoped_policies_pass(seeder, audit_roles, baseline, run_suite):
    key = f"arn:aws:kms:eu-west-1:{PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    attach(seeder, PROD, "read-orders", {"Effect": "Allow", "Action": ["kms:Decrypt", "s3:GetObject"],
                                         "Resource": [key, "arn:aws:s3:::orders/*"]})
    attach(seeder, PROD, "describe-keys", {"Effect": "Allow", "Action": "kms:Describe*", "Resource": "*"})
    create_policy(seeder, PROD, "deny-decrypt", {"Effect": "Deny", "Action": "kms:*", "Resource": "*"})
    inline(seeder, PROD, "reader", {"Effect": "Allow", "Action": "kms:Decrypt",
                                    "Resource": f"arn:aws:kms:*:{PROD}:key/1234abcd-*"})

    suite = run_suite(CONTROL, baseline=baseline)

    assert {r["control_id"]: r["outcome"] for r in suite.results["results"] if r["account_id"] == PROD} == {
        "iam-no-decrypt-on-all-keys": "passed", "iam-no-service-wildcard-actions": "passed"}, suite.output


def test_each_way_of_granting_too_much_fails(seeder, audit_roles, baseline, run_suite):
    star = create_policy(seeder, DEV, "unused-star", {"Effect": "Allow", "Action": "kms:*", "Resource": "*"})
    keys = attach(seeder, DEV, "all-keys", {"Effect": "Allow", "Action": "kms:ReEncrypt*",
                                            "Resource": "arn:aws:kms:*:*:key/*"})
    everything_but_iam = create_policy(seeder, DEV, "not-iam", {"Effect": "Allow", "NotAction": "iam:*",
                                                                 "Resource": "*"})
    role = inline(seeder, DEV, "batch", {"Effect": "Allow", "Action": ["kms:decrypt"], "Resource": "*"})

    suite = run_suite(CONTROL, baseline=baseline)

    decrypt = suite.by_control(f"dev-{DEV}")["iam-no-decrypt-on-all-keys"]
    assert problems(decrypt) == sorted([
        (star, "allows kms:Decrypt, kms:ReEncryptFrom on every KMS key"),
        (keys, "allows kms:ReEncryptFrom on every KMS key"),
        (everything_but_iam, "allows kms:Decrypt, kms:ReEncryptFrom on every KMS key"),
        (role, "its inline policy batch-inline allows kms:Decrypt on every KMS key")])
    wildcards = suite.by_control(f"dev-{DEV}")["iam-no-service-wildcard-actions"]
    assert problems(wildcards) == sorted([
        (star, "grants every action of a service: kms:*"),
        (everything_but_iam, "grants every action of a service: NotAction iam:*")])


@pytest.mark.parametrize("operation", ["ListPolicies", "GetPolicyVersion", "GetAccountAuthorizationDetails"])
def test_unreadable_api_errors(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    create_policy(seeder, PROD, "s3-read", {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})
    attach_aws_managed(seeder, PROD)
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation=operation, account=PROD)

    suite = run_suite(CONTROL, baseline=baseline)

    results = suite.by_control(f"prod-{PROD}")
    # Customer policies come with the account's authorization details; the attached AWS ones one by one.
    judged_by = set(results) if operation == "GetAccountAuthorizationDetails" else {"iam-no-decrypt-on-all-keys"}
    assert_unreadable(results, judged_by, f"iam:{operation}")
