"""The privileged access control, proven against moto."""

import json

import pytest

from tests.conftest import DEV, PROD, write_baseline
from tests.test_iam_admin_policies import attach_aws_managed

CONTROL = "controls/iam/test_privileged_access.py"
ADMIN = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
FORCE_MFA = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Deny", "NotAction": ["iam:ListMFADevices", "sts:GetSessionToken"], "Resource": "*",
    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]})


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def trust(account, condition=None):
    statement = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement | ({"Condition": condition} if condition else {})]})


def test_guarded_privileges_pass(seeder, audit_roles, baseline, run_suite):
    iam = seeder.client("iam", PROD)
    admin = iam.create_policy(PolicyName="admin", PolicyDocument=ADMIN)["Policy"]["Arn"]
    iam.create_group(GroupName="admins")
    iam.attach_group_policy(GroupName="admins", PolicyArn=admin)
    iam.put_group_policy(GroupName="admins", PolicyName="force-mfa", PolicyDocument=FORCE_MFA)
    iam.create_user(UserName="alice")
    iam.add_user_to_group(GroupName="admins", UserName="alice")
    iam.create_role(RoleName="break-glass", AssumeRolePolicyDocument=trust(PROD, {
        "Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    iam.attach_role_policy(RoleName="break-glass", PolicyArn=admin)
    iam.create_role(RoleName="office-admin", AssumeRolePolicyDocument=trust(PROD, {
        "IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}))
    iam.attach_role_policy(RoleName="office-admin", PolicyArn=admin)
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.result(f"prod-{PROD}")["outcome"] == "passed", suite.output


def test_unguarded_users_and_roles_fail(seeder, audit_roles, baseline, run_suite):
    iam = seeder.client("iam", DEV)
    iam.create_user(UserName="ops")
    iam.put_user_policy(UserName="ops", PolicyName="admin", PolicyDocument=ADMIN)
    iam.create_role(RoleName="deployer", AssumeRolePolicyDocument=trust("999988887777"))
    iam.put_role_policy(RoleName="deployer", PolicyName="pass", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}))
    iam.create_role(RoleName="unprivileged", AssumeRolePolicyDocument=trust("999988887777"))
    suite = run_suite(CONTROL, baseline=baseline)
    findings = {f["resource"].rsplit("/", 1)[1]: f["problem"] for f in suite.result(f"dev-{DEV}")["findings"]}
    assert set(findings) == {"ops", "deployer"}
    assert findings["ops"].startswith("may call sts:AssumeRole, iam:CreateUser,")
    assert findings["deployer"] == ("may call iam:PassRole and can be assumed by "
                                    "any principal of account 999988887777 (outside the organization) without MFA from any network")


@pytest.mark.parametrize("operation", ["GetAccountAuthorizationDetails", "GetPolicyVersion"])
def test_unreadable_api_errors(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    iam = seeder.client("iam", PROD)
    admin = iam.create_policy(PolicyName="admin", PolicyDocument=ADMIN)["Policy"]["Arn"]
    iam.create_user(UserName="alice")
    iam.attach_user_policy(UserName="alice", PolicyArn=admin)
    attach_aws_managed(seeder, PROD)
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    prod = suite.result(f"prod-{PROD}")
    assert prod["outcome"] == "error" and f"could not read iam:{operation}" in prod["message"]
