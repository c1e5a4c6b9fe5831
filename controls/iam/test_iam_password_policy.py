"""The IAM account password policy requires long passwords and prevents reuse."""

import pytest

from compliance.evidence import Finding

FIX = (
    "aws iam update-account-password-policy --minimum-password-length {length} "
    "--password-reuse-prevention {reuse} (the call replaces the whole policy: repeat your other rules)"
)


@pytest.mark.control("iam-password-policy")
def test_iam_password_policy(password_policy, params, account_arn, evidence):
    length, reuse = params["minimum_length"], params["reuse_prevention"]
    fix = FIX.format(length=length, reuse=reuse)
    evidence.record("password_policy", password_policy)
    if password_policy is None:
        findings = [Finding(account_arn, "no account password policy is set (IAM then accepts 8-character, reusable passwords)", fix)]
    else:
        findings = []
        if password_policy["MinimumPasswordLength"] < length:
            findings.append(Finding(
                account_arn, f"minimum password length is {password_policy['MinimumPasswordLength']}, below {length}", fix))
        if password_policy.get("PasswordReusePrevention", 0) < reuse:
            findings.append(Finding(
                account_arn,
                f"password reuse prevention remembers {password_policy.get('PasswordReusePrevention', 0)} passwords, fewer than {reuse}",
                fix,
            ))
    evidence.verdict(findings)
