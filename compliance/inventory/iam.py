"""AWS IAM (a global service, read through the home region)."""


def password_policy(api, home_region):
    """The account password policy, or None when none is set (NoSuchEntity)."""
    answer = api.read("iam", "GetAccountPasswordPolicy", home_region, absent=("NoSuchEntity",))
    return answer["PasswordPolicy"] if answer else None
