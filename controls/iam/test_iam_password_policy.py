"""The IAM account password policy requires long passwords of every
character class, expires them and prevents reuse."""

import pytest

from compliance.evidence import Finding

# Each character class the baseline may require: the policy member requiring it, and its CLI option.
CHARACTER_CLASSES = {"uppercase": ("RequireUppercaseCharacters", "--require-uppercase-characters"),
                     "lowercase": ("RequireLowercaseCharacters", "--require-lowercase-characters"),
                     "numbers": ("RequireNumbers", "--require-numbers"),
                     "symbols": ("RequireSymbols", "--require-symbols")}


def fix(params):
    options = [f"--minimum-password-length {params['minimum_length']}",
               f"--password-reuse-prevention {params['reuse_prevention']}"]
    options += [CHARACTER_CLASSES[c][1] for c in params["required_characters"]]
    if params["maximum_age_days"] is not None:
        options.append(f"--max-password-age {params['maximum_age_days']}")
    return ("aws iam update-account-password-policy " + " ".join(options)
            + " (the call replaces the whole policy: repeat your other rules)")


def policy_problems(policy, params):
    """What the account password policy misses of the baseline's rules. Absent
    members are IAM's defaults: no character class required, no expiry, no
    reuse prevention (GetAccountPasswordPolicy's reference)."""
    length, reuse, age = params["minimum_length"], params["reuse_prevention"], params["maximum_age_days"]
    problems = []
    if policy["MinimumPasswordLength"] < length:
        problems.append(f"minimum password length is {policy['MinimumPasswordLength']}, below {length}")
    if policy.get("PasswordReusePrevention", 0) < reuse:
        problems.append(f"password reuse prevention remembers {policy.get('PasswordReusePrevention', 0)} "
                        f"passwords, fewer than {reuse}")
    missing = [c for c in params["required_characters"] if not policy.get(CHARACTER_CLASSES[c][0])]
    if missing:
        problems.append(f"passwords need not contain {', '.join(missing)}")
    if age is not None and not 0 < policy.get("MaxPasswordAge", 0) <= age:
        problems.append(f"passwords expire after {policy.get('MaxPasswordAge', 'no number of')} days, not within {age}")
    return problems


@pytest.mark.control("iam-password-policy")
def test_iam_password_policy(password_policy, params, account_arn, evidence):
    evidence.record("password_policy", password_policy)
    if password_policy is None:
        problems = ["no account password policy is set (IAM then accepts 8-character, reusable passwords)"]
    else:
        problems = policy_problems(password_policy, params)
    evidence.verdict([Finding(account_arn, problem, fix(params)) for problem in problems])
