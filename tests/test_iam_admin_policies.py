"""The full-administrator policy control, proven against moto."""

import json

import pytest

from compliance.demo.moto_patches import aws_managed_policy
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/iam/test_iam_admin_policies.py"
ASSUME = json.dumps({"Version": "2012-10-17", "Statement": []})


def attach(seeder, account, name, *statements):
    iam = seeder.client("iam", account)
    arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": list(statements)}))["Policy"]["Arn"]
    iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=ASSUME)
    iam.attach_role_policy(RoleName=f"{name}-role", PolicyArn=arn)
    return arn


def attach_aws_managed(seeder, account):
    """An AWS managed policy attached to a role: its document is read by GetPolicyVersion."""
    iam = seeder.client("iam", account)
    iam.create_role(RoleName="support", AssumeRolePolicyDocument=ASSUME)
    iam.attach_role_policy(RoleName="support", PolicyArn=aws_managed_policy(account, "AWSSupportAccess"))


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def unattached_admin(seeder, account):
    return seeder.client("iam", account).create_policy(PolicyName="unused-admin", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))["Policy"]["Arn"]


def test_scoped_policies_pass(seeder, audit_roles, baseline, run_suite):
    attach(seeder, PROD, "s3-admin", {"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
    attach(seeder, PROD, "deny-all", {"Effect": "Deny", "Action": "*", "Resource": "*"})
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.result(f"prod-{PROD}")["outcome"] == "passed", suite.output


def test_an_unattached_admin_policy_fails_unless_the_baseline_reads_as_cis(seeder, audit_roles, tmp_path, run_suite):
    unused = unattached_admin(seeder, PROD)
    fsbp = run_suite(CONTROL, baseline=write_baseline(tmp_path / "fsbp.yaml"))
    assert [f["resource"] for f in fsbp.result(f"prod-{PROD}")["findings"]] == [unused]
    cis = run_suite(CONTROL, baseline=write_baseline(tmp_path / "cis.yaml", controls={
        "iam-no-full-admin-policies": {"unattached_customer_policies": False}}))
    assert cis.result(f"prod-{PROD}")["outcome"] == "passed", cis.output


def test_attached_full_admin_fails_in_each_spelling(seeder, audit_roles, baseline, run_suite):
    star = attach(seeder, DEV, "star", {"Effect": "Allow", "Action": "*", "Resource": "*"})
    star_colon = attach(seeder, DEV, "star-colon", {"Effect": "Allow", "Action": ["s3:GetObject", "*:*"],
                                                     "Resource": ["*"]})
    suite = run_suite(CONTROL, baseline=baseline)  # (moto loads no AWS managed policies to attach)
    result = suite.result(f"dev-{DEV}")
    assert sorted(f["resource"] for f in result["findings"]) == sorted([star, star_colon])


@pytest.mark.parametrize("operation", ["ListPolicies", "GetPolicyVersion", "GetAccountAuthorizationDetails"])
def test_unreadable_api_errors(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    attach(seeder, PROD, "s3-admin", {"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
    attach_aws_managed(seeder, PROD)
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.result(f"prod-{PROD}")["outcome"] == "error"
    assert f"could not read iam:{operation}" in suite.result(f"prod-{PROD}")["message"]
