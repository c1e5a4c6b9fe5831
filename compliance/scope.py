"""Resolving the scope of a run, once, on the controller.

Accounts come from the baseline's list or from AWS Organizations; every audit
role is assumed (concurrently) so that unreachable accounts are known before
collection; regions come from the baseline or from each account's enabled
regions.
"""

from concurrent.futures import ThreadPoolExecutor

from compliance.baseline import ENABLED_REGIONS
from compliance.errors import AccountUnreachable, ApiUnreadable, ConfigurationError
from compliance.inventory import organizations, regions
from compliance.shards import WHOLE
from compliance.targets import Account, Scope


def accounts_in_scope(baseline, estate, caller_account):
    """Sorted ``Account`` list: the listed accounts, plus with discovery every
    active account of the organization."""
    listed = {a["id"]: Account(a["id"], a.get("name", ""), a.get("role", "workload"), a.get("environment", ""))
              for a in baseline.accounts}
    if baseline.discover:
        try:
            found = organizations.active_accounts(estate.starting_api(caller_account), baseline.home_region)
        except ApiUnreadable as error:
            raise ConfigurationError(
                f"cannot discover the organization's accounts ({error}). Run from the management "
                "account or a delegated administrator, or list the accounts in the baseline or with --accounts."
            ) from None
        active = {a["Id"]: a["Name"] for a in found}
        # Listed accounts outside the organization (a standalone or newly
        # acquired account) stay in scope: the baseline says they matter.
        accounts = [listed.get(i) or Account(i, name) for i, name in active.items()]
        accounts += [account for account_id, account in listed.items() if account_id not in active]
    else:
        accounts = list(listed.values())
    excluded = set(baseline.exclude)
    return sorted(a for a in accounts if a.id not in excluded)


def assume_roles(estate, accounts):
    """Assume the audit role in every account, concurrently.

    Returns (credentials by account ID, reason by unreachable account ID).
    """
    def attempt(account):
        try:
            return account.id, estate.assumer(account.id).fetch(), None
        except AccountUnreachable as error:
            return account.id, None, str(error)

    credentials, unreachable = {}, {}
    with ThreadPoolExecutor(max_workers=estate.access.max_pool) as pool:
        for account_id, creds, reason in pool.map(attempt, accounts):
            if reason:
                unreachable[account_id] = reason
            else:
                credentials[account_id] = creds
    return credentials, unreachable


def regions_in_scope(baseline, estate, accounts, unreachable):
    """Region list per account ID.

    With ``regions: enabled`` each reachable account is asked which regions it
    has enabled; an unreachable account keeps only the home region, where its
    tests will error. A listed region that an account has not enabled stays in
    scope and is skipped at run time with that reason.
    """
    if baseline.regions != ENABLED_REGIONS:
        return {a.id: sorted(set(baseline.regions)) for a in accounts}

    def enabled(account):
        if account.id in unreachable:
            return account.id, [baseline.home_region]
        try:
            return account.id, regions.enabled(estate.api(account.id), baseline.home_region)
        except ApiUnreadable as error:
            unreachable[account.id] = f"cannot list the enabled regions: {error}"
            return account.id, [baseline.home_region]

    with ThreadPoolExecutor(max_workers=estate.access.max_pool) as pool:
        return dict(pool.map(enabled, accounts))


# Baseline roles of the accounts whose answers other accounts' controls read.
CENTRAL_ROLES = ("management", "log-archive", "security", "identity")


def resolve(baseline, estate, caller_account, shard=WHOLE):
    """The run's Scope and the credentials to hand to workers.

    Shard 1 resolves every account (its organization-wide controls read them
    all); any other shard resolves its own accounts and the organization's
    central ones (management, log-archive, security, identity), whose answers
    its controls read too (who administers a service, where a trail's
    selectors live), so that every shard judges as an unsharded run does.
    """
    everyone = accounts_in_scope(baseline, estate, caller_account)
    if not everyone:
        raise ConfigurationError(f"{baseline.path}: no accounts in scope after exclusions")
    mine = shard.accounts(everyone)
    accounts = everyone if shard.first else [a for a in everyone if a in mine or a.role in CENTRAL_ROLES]
    credentials, unreachable = assume_roles(estate, accounts)
    estate.credentials.update(credentials)
    region_map = regions_in_scope(baseline, estate, accounts, unreachable)
    scope = Scope(accounts=accounts, regions=region_map, home_region=baseline.home_region, unreachable=unreachable,
                  shard=(shard.index, shard.count),
                  shard_accounts=None if shard == WHOLE else [a.id for a in mine])
    return scope, credentials
