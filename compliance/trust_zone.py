"""Who is inside: the one meaning of "outside" that every control weighing a
policy uses.

Inside is the organization (its ID and accounts from AWS Organizations, or
the baseline's ``organization_id`` and listed accounts when Organizations
cannot be read) plus the accounts the baseline names as trusted third
parties, plus - for a control judging one account's resources - that
account itself: an account scanned beside the organization but not in it
(one just acquired, say) granting itself is not granting an outsider.
Everyone else - another organization, an account named only in a condition,
an unknown account, an anonymous caller - is outside.
"""

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class TrustZone:
    """The organization and the third parties the baseline trusts.

    ``organization_id`` is None when neither Organizations nor the baseline
    gives it: then no organization counts as ours. ``source`` says where the
    organization's ID and accounts came from, for evidence and findings.
    """

    organization_id: str
    accounts: frozenset
    third_parties: dict = field(default_factory=dict)  # account ID -> name
    source: str = "AWS Organizations"
    owner: str = None  # the account whose resources are judged, when it is not in the organization

    def owned_by(self, account_id):
        """The zone as ``account_id``'s own resources see it: that account is inside too."""
        return self if self.includes_account(account_id) else replace(self, owner=str(account_id))

    def includes_account(self, account_id):
        account_id = str(account_id)
        return account_id in self.accounts or account_id in self.third_parties or account_id == self.owner

    def includes_organization(self, organization_id):
        return self.organization_id is not None and str(organization_id) == self.organization_id

    def describe_account(self, account_id):
        """How a finding names an account: inside (and as what) or outside."""
        if account_id in self.third_parties:
            return f"account {account_id} (trusted third party {self.third_parties[account_id]})"
        if account_id in self.accounts:
            return f"account {account_id} (in the organization)"
        if account_id == self.owner:
            return f"account {account_id} (the resource's own account, not in the organization)"
        return f"account {account_id} (outside the organization)"

    def summary(self):
        """What evidence keeps of the zone: the organization, how many accounts, the third parties, the source."""
        return {"OrganizationId": self.organization_id, "Accounts": len(self.accounts),
                "TrustedThirdParties": dict(sorted(self.third_parties.items())), "Source": self.source,
                **({"OwnAccountOutsideOrganization": self.owner} if self.owner else {})}


def from_organizations(baseline, organization, account_ids):
    """The zone read from AWS Organizations (DescribeOrganization, ListAccounts)."""
    return TrustZone(organization["Id"], frozenset(account_ids), third_parties(baseline))


def from_baseline(baseline, accounts_in_scope, reason):
    """The zone as the baseline states it, when Organizations cannot be read
    (``reason`` says why): the baseline's organization ID, and its listed
    accounts and the run's accounts as the organization's."""
    accounts = {a["id"] for a in baseline.accounts} | {a.id for a in accounts_in_scope}
    organization_id = baseline.organization_id or None
    source = f"the baseline {baseline.path} ({reason})"
    if organization_id is None:
        source += "; it names no organization_id, so no organization counts as ours"
    return TrustZone(organization_id, frozenset(accounts), third_parties(baseline), source)


def third_parties(baseline):
    """``{account ID: name}`` of the baseline's trusted third parties."""
    return {party["account"]: party["name"] for party in baseline.trusted_third_parties}
