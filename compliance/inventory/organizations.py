"""AWS Organizations: the accounts of the organization."""

import json

from compliance.errors import ApiUnreadable

ACTIVE = "ACTIVE"


def active_accounts(api, home_region):
    """``[{"Id", "Name", ...}]`` of every ACTIVE account, sorted by ID.

    ``State`` replaces the deprecated ``Status`` field; either is honoured.
    """
    answer = api.read("organizations", "ListAccounts", home_region)
    if not answer["Accounts"]:
        raise ApiUnreadable("organizations", "ListAccounts", api.account_id, home_region, "NoAccounts",
                            "the answer lists no account, not even the management account")
    accounts = [a for a in answer["Accounts"] if a.get("State", a.get("Status")) == ACTIVE]
    return sorted(accounts, key=lambda a: a["Id"])


def all_account_ids(api, home_region):
    """IDs of every account of the organization, whatever its state (a
    suspended account is still the organization's), sorted."""
    return sorted(a["Id"] for a in api.read("organizations", "ListAccounts", home_region)["Accounts"])


def member_ids(api, home_region):
    """IDs of the organization's ACTIVE accounts, sorted."""
    return [a["Id"] for a in active_accounts(api, home_region)]


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

    for root in roots(api, home_region):
        walk(root["Id"], "")
    return paths


def delegated_administrators(api, home_region, service_principal):
    """IDs of the accounts delegated to administer ``service_principal`` for the organization."""
    answer = api.read("organizations", "ListDelegatedAdministrators", home_region, ServicePrincipal=service_principal)
    return sorted(a["Id"] for a in answer["DelegatedAdministrators"])


def roots(api, home_region):
    """The organization's root(s), with the policy types enabled in each."""
    return api.read("organizations", "ListRoots", home_region)["Roots"]


def ancestry(api, home_region, child_id):
    """IDs from ``child_id`` up to the root: the account, its OUs, the root."""
    chain = [child_id]
    while True:
        parents = api.read("organizations", "ListParents", home_region, ChildId=chain[-1])["Parents"]
        if not parents:
            return chain
        chain.append(parents[0]["Id"])
        if parents[0]["Type"] == "ROOT":
            return chain


def policies_for_target(api, home_region, target_id, policy_type):
    """Summaries of the policies of ``policy_type`` attached directly to an account, OU or root."""
    return api.read("organizations", "ListPoliciesForTarget", home_region, TargetId=target_id,
                    Filter=policy_type)["Policies"]


def delegated_services(api, home_region):
    """``{account ID: [service principals]}`` of every delegated administrator of the organization."""
    return {admin["Id"]: sorted(s["ServicePrincipal"] for s in api.read(
                "organizations", "ListDelegatedServicesForAccount", home_region, AccountId=admin["Id"])
                ["DelegatedServices"])
            for admin in api.read("organizations", "ListDelegatedAdministrators", home_region)["DelegatedAdministrators"]}


def resource_policy(api, home_region):
    """The organization's resource-based delegation policy (parsed), or None when it has none."""
    answer = api.read("organizations", "DescribeResourcePolicy", home_region,
                      absent=("ResourcePolicyNotFoundException",))
    return None if answer is None else json.loads(answer["ResourcePolicy"]["Content"])
