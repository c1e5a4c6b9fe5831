"""Root user controls, proven against moto (root credentials are set on its
backend: no API sets them)."""

import pytest

from compliance.demo.moto_patches import set_root_credentials
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/iam/test_root_user.py"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml")


def outcomes(suite, account):
    return {control: (r["outcome"], [f["problem"] for f in r["findings"]])
            for control, r in suite.of_account(account).items()}


def test_hardware_mfa_or_no_credentials_at_all_pass(audit_roles, baseline, run_suite, local_aws):
    set_root_credentials(PROD, mfa="hardware")
    set_root_credentials(DEV, password=False)  # removed under centralized root access
    suite = run_suite(CONTROL, baseline=baseline)
    assert {o for o, _ in outcomes(suite, PROD).values()} == {"passed"}, suite.output
    assert {o for o, _ in outcomes(suite, DEV).values()} == {"passed"}


def test_keys_missing_mfa_and_virtual_mfa_fail(audit_roles, baseline, run_suite, local_aws):
    set_root_credentials(PROD, access_key=True, mfa="virtual")
    set_root_credentials(DEV)  # a password and no MFA
    suite = run_suite(CONTROL, baseline=baseline)
    prod, dev = outcomes(suite, PROD), outcomes(suite, DEV)
    assert prod["root-no-access-keys"] == ("failed", ["the root user has an access key"])
    assert prod["root-mfa"][0] == "passed"
    assert prod["root-hardware-mfa"] == (
        "failed", [f"the root user's MFA is virtual (arn:aws:iam::{PROD}:mfa/root-account-mfa-device)"])
    assert dev["root-mfa"] == ("failed", ["the root user has credentials and no MFA"])
    assert dev["root-hardware-mfa"][0] == "failed" and dev["root-no-access-keys"][0] == "passed"


@pytest.mark.parametrize("operation", ["GetAccountSummary", "ListVirtualMFADevices"])
def test_unreadable_api_errors(operation, audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    assert {c: o for c, (o, _) in outcomes(suite, PROD).items()} == {
        "root-no-access-keys": "error", "root-mfa": "error", "root-hardware-mfa": "error",
        "root-not-used": "passed"}  # it reads the credential report
