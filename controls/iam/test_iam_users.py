"""IAM users' credentials, as IAM's credential report shows them."""

import pytest

from compliance.evidence import Finding
from controls.iam.credential_report import active_keys, days_since, has_password, moment, users

# The baseline role of the one account where IAM users may live (CIS 1.20).
IDENTITY_ROLE = "identity"


def mfa_problem(user, judged):
    """Why a user without MFA is a finding, when it is one: ``judged`` is
    "console" (users with a password) or "all" (every user)."""
    if user["mfa_active"] == "true":
        return None
    if has_password(user):
        return "has a console password and no MFA device"
    return "has no MFA device" if judged == "all" else None


@pytest.mark.control("iam-user-console-mfa")
def test_iam_user_console_mfa(credential_report, params, evidence):
    evidence.record("credential_report", credential_report)
    findings = [Finding(user["arn"], problem, "assign an MFA device to the user (aws iam enable-mfa-device), or "
                                              + ("delete its login profile" if has_password(user) else "delete the user")
                        + " if nobody signs in as it")
                for user in users(credential_report) if (problem := mfa_problem(user, params["users"]))]
    evidence.verdict(findings)


@pytest.mark.control("iam-no-unused-setup-keys")
def test_iam_no_unused_setup_keys(credential_report, evidence):
    evidence.record("credential_report", credential_report)
    findings = [Finding(user["arn"], f"has a console password and active access key {number}, created "
                                     f"{rotated}, that has never been used",
                        f"delete access key {number}; create keys only when the user needs them")
                for user in users(credential_report) if has_password(user)
                for number, rotated, used in active_keys(user) if moment(used) is None]
    evidence.verdict(findings)


def idle_days(last_used, set_on, today):
    """Days since a credential was last used, or since it was set when it never
    was; with the last use as text."""
    idle = days_since(last_used, today)
    return (idle, last_used) if idle is not None else (days_since(set_on, today), "never")


def unused_credentials(user, today, max_days):
    """Problems with the user's password and active keys unused for more than ``max_days``."""
    idle = [("console password", *idle_days(user["password_last_used"], user["password_last_changed"], today))
            ] if has_password(user) else []
    idle += [(f"access key {number}", *idle_days(used, rotated, today)) for number, rotated, used in active_keys(user)]
    return [f"{credential} unused for {days} days (last used: {last_used})"
            for credential, days, last_used in idle if days is not None and days > max_days]


@pytest.mark.control("iam-unused-credentials-disabled")
def test_iam_unused_credentials_disabled(credential_report, params, today, evidence):
    evidence.record("credential_report", credential_report)
    findings = [Finding(user["arn"], problem, "deactivate the access key or delete the login profile "
                                              "(or the user, when nobody needs it)")
                for user in users(credential_report)
                for problem in unused_credentials(user, today, params["max_unused_days"])]
    evidence.verdict(findings)


@pytest.mark.control("iam-single-active-access-key")
def test_iam_single_active_access_key(credential_report, evidence):
    evidence.record("credential_report", credential_report)
    findings = [Finding(user["arn"], "has two active access keys",
                        "deactivate the key no longer in use (keep two only while rotating)")
                for user in users(credential_report) if len(active_keys(user)) > 1]
    evidence.verdict(findings)


@pytest.mark.control("iam-access-key-rotation")
def test_iam_access_key_rotation(credential_report, params, today, evidence):
    evidence.record("credential_report", credential_report)
    max_age = params["max_age_days"]
    findings = [Finding(user["arn"], f"access key {number} is {age} days old (created {rotated})",
                        "create a new key, move its users to it, then deactivate and delete the old one")
                for user in users(credential_report) for number, rotated, _ in active_keys(user)
                if (age := days_since(rotated, today)) is not None and age > max_age]
    evidence.verdict(findings)


@pytest.mark.control("iam-users-centralized")
def test_iam_users_centralized(credential_report, account_target, evidence):
    evidence.record("users", [user["arn"] for user in users(credential_report)])
    evidence.record("account_role", account_target.role)
    findings = [] if account_target.role == IDENTITY_ROLE else [
        Finding(user["arn"], "is an IAM user outside the organization's identity account",
                "give the person an IAM Identity Center (or identity-account) user and a role in this account; "
                "give a workload a role; then delete the user")
        for user in users(credential_report)]
    evidence.verdict(findings)
