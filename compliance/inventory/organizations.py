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


def account_paths(api, home_region):
    """``{account ID: "OU/Sub-OU"}`` for every account, walking the OU tree
    from the root ("" for accounts directly under the root)."""
    paths = {}

    def walk(parent_id, path):
        for account in api.read("organizations", "ListAccountsForParent", home_region, ParentId=parent_id)["Accounts"]:
            paths[account["Id"]] = path
        for unit in api.read("organizations", "ListOrganizationalUnitsForParent", home_region,
                             ParentId=parent_id)["OrganizationalUnits"]:
            walk(unit["Id"], f"{path}/{unit['Name']}".lstrip("/"))

    for root in api.read("organizations", "ListRoots", home_region)["Roots"]:
        walk(root["Id"], "")
    return paths


def delegated_administrators(api, home_region, service_principal):
    """IDs of the accounts delegated to administer ``service_principal`` for the organization."""
    answer = api.read("organizations", "ListDelegatedAdministrators", home_region, ServicePrincipal=service_principal)
    return sorted(a["Id"] for a in answer["DelegatedAdministrators"])
