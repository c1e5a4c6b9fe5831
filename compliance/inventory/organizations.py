"""AWS Organizations: the accounts of the organization."""

ACTIVE = "ACTIVE"


def active_accounts(api, home_region):
    """``[{"Id", "Name", ...}]`` of every ACTIVE account, sorted by ID.

    ``State`` replaces the deprecated ``Status`` field; either is honoured.
    """
    answer = api.read("organizations", "ListAccounts", home_region)
    accounts = [a for a in answer["Accounts"] if a.get("State", a.get("Status")) == ACTIVE]
    return sorted(accounts, key=lambda a: a["Id"])


def organization(api, home_region):
    """``DescribeOrganization``: Id, Arn, MasterAccountId, FeatureSet."""
    return api.read("organizations", "DescribeOrganization", home_region)["Organization"]
