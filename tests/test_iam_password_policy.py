"""The IAM password policy control, proven both ways against moto."""

import pytest

from compliance.demo.organization import STRONG_PASSWORD_POLICY
from tests.conftest import DEV, MANAGEMENT, PROD, write_baseline

CONTROL = "controls/iam/test_iam_password_policy.py"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml", accounts={"list": [
        {"id": MANAGEMENT, "name": "management"}, {"id": PROD, "name": "prod"}, {"id": DEV, "name": "dev"},
    ]})


def test_each_account_is_judged_once_with_each_violation(seeder, audit_roles, baseline, run_suite):
    seeder.client("iam", MANAGEMENT).update_account_password_policy(**{**STRONG_PASSWORD_POLICY,
                                                                       "MinimumPasswordLength": 16})
    seeder.client("iam", PROD).update_account_password_policy(**{**STRONG_PASSWORD_POLICY, "MinimumPasswordLength": 8,
                                                                 "RequireSymbols": False, "RequireNumbers": False})
    seeder.client("iam", DEV).update_account_password_policy(**{**STRONG_PASSWORD_POLICY, "PasswordReusePrevention": 3,
                                                                "MaxPasswordAge": 180})

    suite = run_suite(CONTROL, baseline=baseline)

    assert suite.outcomes() == {f"management-{MANAGEMENT}": "passed", f"prod-{PROD}": "failed", f"dev-{DEV}": "failed"}
    assert [f["problem"] for f in suite.result(f"prod-{PROD}")["findings"]] == [
        "minimum password length is 8, below 14", "passwords need not contain numbers, symbols"]
    assert [f["problem"] for f in suite.result(f"dev-{DEV}")["findings"]] == [
        "password reuse prevention remembers 3 passwords, fewer than 24", "passwords expire after 180 days, not within 90"]
    assert set(suite.result(f"dev-{DEV}")["offending_resources"]) == {f"arn:aws:iam::{DEV}:root"}
    assert suite.result(f"dev-{DEV}")["findings"][0]["fix"] == (
        "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 "
        "--require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols "
        "--max-password-age 90 (the call replaces the whole policy: repeat your other rules)")


def test_missing_policy_fails(seeder, audit_roles, baseline, run_suite):
    suite = run_suite(CONTROL, baseline=baseline)
    result = suite.result(f"prod-{PROD}")
    assert result["outcome"] == "failed"
    assert result["findings"][0]["problem"].startswith("no account password policy is set")


def test_thresholds_come_from_the_baseline(seeder, audit_roles, tmp_path, run_suite):
    seeder.client("iam", PROD).update_account_password_policy(MinimumPasswordLength=12, PasswordReusePrevention=4,
                                                              RequireNumbers=True)
    baseline = write_baseline(tmp_path / "b.yaml", accounts={"list": [{"id": PROD, "name": "prod"}]},
                              controls={"iam-password-policy": {"minimum_length": 12, "reuse_prevention": 4,
                                                                "required_characters": ["numbers"],
                                                                "maximum_age_days": None}})
    assert run_suite(CONTROL, baseline=baseline).outcomes() == {f"prod-{PROD}": "passed"}


def test_unreadable_policy_errors(seeder, audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation="GetAccountPasswordPolicy", account=PROD)
    result = run_suite(CONTROL, baseline=baseline).result(f"prod-{PROD}")
    assert result["outcome"] == "error"
    assert f"could not read iam:GetAccountPasswordPolicy in account {PROD} region us-east-1: AccessDenied" in result["message"]
