"""IAM user and root usage controls read from the credential report, proven
against moto (last-use dates are set on its backend: no API sets them)."""

import datetime

import pytest

from compliance.demo.moto_patches import age_user_credentials, set_root_credentials
from compliance.demo.organization import enable_virtual_mfa
from controls.iam.test_iam_users import mfa_problem
from tests.conftest import DEV, PROD, write_baseline

CONTROLS = ["controls/iam/test_iam_users.py", "controls/iam/test_root_user.py::test_root_not_used"]
USER_CONTROLS = ["iam-user-console-mfa", "iam-users-centralized", "iam-no-unused-setup-keys",
                 "iam-unused-credentials-disabled", "iam-single-active-access-key", "iam-access-key-rotation",
                 "root-not-used"]


@pytest.fixture
def baseline(tmp_path):
    """prod is the identity account: the one allowed IAM users."""
    return write_baseline(tmp_path / "baseline.yaml", accounts={"list": [
        {"id": PROD, "name": "prod", "role": "identity"}, {"id": DEV, "name": "dev", "role": "workload"}]})


def user(iam, name, password=False, mfa=False, keys=0):
    iam.create_user(UserName=name)
    if password:
        iam.create_login_profile(UserName=name, Password="a-long-password-1!")
    if mfa:
        enable_virtual_mfa(iam, name)
    for _ in range(keys):
        iam.create_access_key(UserName=name)


def problems(suite, account):
    return {control: (r["outcome"], sorted(f["problem"] for f in r["findings"]))
            for control, r in suite.of_account(account).items()}


def test_users_in_use_with_mfa_and_fresh_keys_pass(audit_roles, seeder, baseline, run_suite):
    iam = seeder.client("iam", PROD)
    user(iam, "alice", password=True, mfa=True, keys=1)
    age_user_credentials(PROD, "alice", days=30, password_used_days_ago=3, key_used_days_ago=1)
    user(iam, "deployer", mfa=True, keys=1)
    age_user_credentials(PROD, "deployer", days=80, key_used_days_ago=0)
    set_root_credentials(PROD, mfa="hardware", last_used=None)
    suite = run_suite(*CONTROLS, baseline=baseline)
    for account in (PROD, DEV):
        assert {c: o for c, (o, _) in problems(suite, account).items()} == dict.fromkeys(USER_CONTROLS, "passed"), (
            suite.output)


def test_each_kind_of_violation_fails(audit_roles, seeder, baseline, run_suite):
    iam = seeder.client("iam", PROD)
    user(iam, "bob", password=True)  # no MFA
    user(iam, "henry")  # no MFA, no password
    user(iam, "carol", password=True, mfa=True, keys=1)  # a key never used
    age_user_credentials(PROD, "carol", days=10, password_used_days_ago=1)
    user(iam, "dave", keys=1)  # unused for 60 days, and 100 days old
    age_user_credentials(PROD, "dave", days=100, key_used_days_ago=60)
    user(iam, "erin", keys=2)  # two active keys
    age_user_credentials(PROD, "erin", days=10, key_used_days_ago=1)
    user(iam, "frank", password=True, mfa=True)  # a password last used 50 days ago
    age_user_credentials(PROD, "frank", days=200, password_used_days_ago=50)
    user(iam, "grace", password=True, mfa=True)  # a password set 46 days ago and never used
    age_user_credentials(PROD, "grace", days=46)
    set_root_credentials(PROD, mfa="hardware", last_used=datetime.datetime(2000, 1, 1))
    set_root_credentials(DEV, mfa="hardware", last_used=datetime.datetime.now(datetime.timezone.utc))

    suite = run_suite(*CONTROLS, baseline=baseline)
    prod, results = problems(suite, PROD), suite.by_control(f"prod-{PROD}")
    arn = f"arn:aws:iam::{PROD}:user/"
    assert prod["iam-user-console-mfa"] == ("failed", ["has a console password and no MFA device"]
                                            + ["has no MFA device"] * 3)
    assert sorted(results["iam-user-console-mfa"]["offending_resources"]) == [
        arn + u for u in ("bob", "dave", "erin", "henry")]
    (carol,) = results["iam-no-unused-setup-keys"]["findings"]
    assert carol["resource"] == arn + "carol" and "active access key 1" in carol["problem"]
    unused = results["iam-unused-credentials-disabled"]
    assert sorted((f["resource"].removeprefix(arn), f["problem"].split(" (")[0]) for f in unused["findings"]) == [
        ("dave", "access key 1 unused for 60 days"),
        ("frank", "console password unused for 50 days"), ("grace", "console password unused for 46 days")]
    assert prod["iam-single-active-access-key"] == ("failed", ["has two active access keys"])
    outcome, [rotation] = prod["iam-access-key-rotation"]
    assert outcome == "failed" and rotation.startswith("access key 1 is 100 days old (created ")
    assert prod["root-not-used"][0] == "passed"  # last used in 2000
    dev = problems(suite, DEV)
    assert dev["root-not-used"][0] == "failed" and dev["root-not-used"][1][0].startswith(
        "the root user was used 0 days ago (password_last_used ")


@pytest.mark.parametrize("operation", ["GetCredentialReport", "GenerateCredentialReport"])
def test_unreadable_report_errors(operation, audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation=operation, account=PROD)
    suite = run_suite(*CONTROLS, baseline=baseline)
    assert {o for o, _ in problems(suite, PROD).values()} == {"error"}
    assert {o for o, _ in problems(suite, DEV).values()} == {"passed"}


def test_a_report_being_generated_is_waited_for(audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("ReportInProgress", "generating", service="iam", operation="GetCredentialReport",
                     account=PROD, remaining=1)
    suite = run_suite(*CONTROLS, baseline=baseline)
    assert {o for o, _ in problems(suite, PROD).values()} == {"passed"}
    assert suite.results["run"]["api"]["repeated"] == 0


def test_iam_users_are_allowed_only_in_the_identity_account(audit_roles, seeder, tmp_path, run_suite):
    baseline = write_baseline(tmp_path / "identity.yaml", accounts={"list": [
        {"id": PROD, "name": "prod", "role": "workload"}, {"id": DEV, "name": "people", "role": "identity"}]})
    user(seeder.client("iam", PROD), "deployer", keys=1)
    user(seeder.client("iam", DEV), "alice", password=True, mfa=True)
    suite = run_suite("controls/iam/test_iam_users.py::test_iam_users_centralized", baseline=baseline)
    assert suite.outcomes() == {f"prod-{PROD}": "failed", f"people-{DEV}": "passed"}, suite.output
    assert [(f["resource"], f["problem"]) for f in suite.result(f"prod-{PROD}")["findings"]] == [
        (f"arn:aws:iam::{PROD}:user/deployer", "is an IAM user outside the organization's identity account")]


def test_console_users_only_when_the_baseline_says_so():
    row = {"password_enabled": "false", "mfa_active": "false"}
    assert mfa_problem(row, "all") == "has no MFA device" and mfa_problem(row, "console") is None
    assert mfa_problem({**row, "password_enabled": "true"}, "console") == "has a console password and no MFA device"
