"""Support role, CloudShell access, user permissions through groups and
expired server certificates, proven against moto."""

import datetime
import json

import pytest

from compliance.demo.certificates import make_ca
from compliance.demo.moto_patches import aws_managed_policy
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/iam/test_iam_entities.py"
AWS_POLICY = "arn:aws:iam::aws:policy/"
ALLOW_S3 = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
TRUST_NOBODY = json.dumps({"Version": "2012-10-17", "Statement": []})
UTC = datetime.timezone.utc


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def server_certificate(iam, name, until):
    iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=make_ca(name, until).decode(),
                                  PrivateKey="not checked by moto")


def outcomes(suite, account):
    return {control: r["outcome"] for control, r in suite.of_account(account).items()}


def test_a_well_kept_account_passes(seeder, audit_roles, baseline, run_suite):
    iam = seeder.client("iam", PROD)
    iam.create_role(RoleName="support", AssumeRolePolicyDocument=TRUST_NOBODY)
    iam.attach_role_policy(RoleName="support", PolicyArn=aws_managed_policy(PROD, "AWSSupportAccess"))
    iam.create_group(GroupName="storage")
    iam.put_group_policy(GroupName="storage", PolicyName="s3", PolicyDocument=ALLOW_S3)
    iam.create_user(UserName="alice")
    iam.add_user_to_group(GroupName="storage", UserName="alice")
    server_certificate(iam, "web", datetime.datetime(2040, 1, 1, tzinfo=UTC))
    suite = run_suite(CONTROL, baseline=baseline)
    assert set(outcomes(suite, PROD).values()) == {"passed"}, suite.output


def test_each_kind_of_violation_fails(seeder, audit_roles, baseline, run_suite):
    iam = seeder.client("iam", DEV)  # no support role
    iam.create_role(RoleName="helpdesk", AssumeRolePolicyDocument=TRUST_NOBODY)
    iam.attach_role_policy(RoleName="helpdesk", PolicyArn=aws_managed_policy(DEV, "AWSCloudShellFullAccess"))
    iam.create_user(UserName="bob")
    iam.put_user_policy(UserName="bob", PolicyName="s3", PolicyDocument=ALLOW_S3)
    iam.attach_user_policy(UserName="bob", PolicyArn=AWS_POLICY + "AWSCloudShellFullAccess")
    server_certificate(iam, "old-web", datetime.datetime(2021, 6, 30, tzinfo=UTC))
    server_certificate(iam, "new-web", datetime.datetime(2040, 1, 1, tzinfo=UTC))
    suite = run_suite(CONTROL, baseline=baseline)
    results = suite.by_control(f"dev-{DEV}")
    problems = {c: [(f["resource"], f["problem"]) for f in r["findings"]] for c, r in results.items()}
    root = f"arn:aws:iam::{DEV}:root"
    assert problems["iam-support-role"] == [(root, "no role has AWSSupportAccess attached")]
    assert problems["iam-cloudshell-restricted"] == [
        (root, "AWSCloudShellFullAccess is attached to role helpdesk"),
        (root, "AWSCloudShellFullAccess is attached to user bob")]
    assert problems["iam-user-permissions-through-groups"] == [(
        f"arn:aws:iam::{DEV}:user/bob",
        f"has its own permissions: inline policy s3, managed policy {AWS_POLICY}AWSCloudShellFullAccess")]
    assert problems["iam-expired-server-certificates"] == [
        (f"arn:aws:iam::{DEV}:server-certificate/old-web", "expired on 2021-06-30")]


@pytest.mark.parametrize("operation, errored", [
    ("GetAccountAuthorizationDetails", {"iam-support-role", "iam-cloudshell-restricted",
                                        "iam-user-permissions-through-groups"}),
    ("ListServerCertificates", {"iam-expired-server-certificates"})])
def test_unreadable_api_errors(operation, errored, seeder, audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    assert {c for c, o in outcomes(suite, PROD).items() if o == "error"} == errored
