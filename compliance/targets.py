"""What is in scope: accounts and the regions to check in each.

A ``Scope`` is computed once on the xdist controller, serialised to plain data
and handed to every worker, so that collection is identical everywhere.
"""

import difflib
import functools
import re
from dataclasses import asdict, dataclass, field

import botocore
import botocore.loaders

ACCOUNT_ID = re.compile(r"^\d{12}$")


@functools.cache
def known_regions():
    """Every region botocore knows, in every partition: its partitions data
    (1 ms to read), less each partition's pseudo-region for global endpoints
    (``aws-global``). EC2's endpoints, partition by partition, took 0.15-0.27 s
    of the controller's start."""
    partitions = botocore.loaders.Loader().load_data("partitions")["partitions"]
    return frozenset(region for partition in partitions for region in partition["regions"]
                     if region != f"{partition['id']}-global")


def unknown_region(name):
    """Why ``name`` is refused as a region, with the likely intended one, or None."""
    if name in known_regions():
        return None
    close = difflib.get_close_matches(name, sorted(known_regions()), n=1)
    hint = f"did you mean {close[0]}?" if close else "use a region code such as eu-west-1"
    return f"{name!r} is not an AWS region known to botocore {botocore.__version__}; {hint}"


@dataclass(frozen=True, order=True)
class Account:
    id: str
    name: str = ""
    role: str = "workload"
    environment: str = ""

    @property
    def label(self):
        """Readable, stable label used in test IDs: ``prod-111122223333``."""
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.name).strip("-").lower()
        return f"{slug}-{self.id}" if slug else self.id


@dataclass(frozen=True, order=True)
class RegionTarget:
    account: Account
    region: str

    @property
    def label(self):
        return f"{self.account.label}-{self.region}"


@dataclass
class Scope:
    """Accounts in scope, the regions to check in each, and the home region.

    ``regions`` maps account ID to the sorted region list for that account.
    ``unreachable`` maps account ID to the reason its audit role could not be
    assumed; those accounts stay in scope so that their tests error.
    """

    accounts: list
    regions: dict
    home_region: str
    unreachable: dict = field(default_factory=dict)
    shard: tuple = (1, 1)  # (K, N): this process checks shard K of N
    shard_accounts: list = None  # IDs of the accounts shard K checks; None: all

    def in_shard(self, account):
        return self.shard_accounts is None or account.id in self.shard_accounts

    def runs_organization_controls(self):
        """Organization-wide controls run once: in shard 1."""
        return self.shard[0] == 1

    def shard_region_targets(self):
        return [t for t in self.region_targets() if self.in_shard(t.account)]

    def shard_account_targets(self):
        return [a for a in self.accounts if self.in_shard(a)]

    def region_targets(self):
        return [
            RegionTarget(account, region)
            for account in self.accounts
            for region in self.regions[account.id]
        ]

    def account(self, account_id):
        """The account in scope with this ID, or None."""
        return next((a for a in self.accounts if a.id == account_id), None)

    def accounts_with_role(self, role):
        return [a for a in self.accounts if a.role == role]

    def to_data(self):
        return {
            "accounts": [asdict(a) for a in self.accounts],
            "regions": self.regions,
            "home_region": self.home_region,
            "unreachable": self.unreachable,
            "shard": list(self.shard),
            "shard_accounts": self.shard_accounts,
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            accounts=[Account(**a) for a in data["accounts"]],
            regions=data["regions"],
            home_region=data["home_region"],
            unreachable=data["unreachable"],
            shard=tuple(data["shard"]),
            shard_accounts=data["shard_accounts"],
        )


def account_of(target):
    """The Account of a RegionTarget, or the Account itself."""
    return target.account if isinstance(target, RegionTarget) else target


def describe_target(target):
    """(account or None, region label) of a test's target: a RegionTarget,
    an Account (global services: ``global``) or None (``organization``)."""
    if isinstance(target, RegionTarget):
        return target.account, target.region
    if isinstance(target, Account):
        return target, "global"
    return None, "organization"
