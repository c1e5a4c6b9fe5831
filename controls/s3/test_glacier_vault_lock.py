"""Glacier vaults that hold archives are write-once: a vault lock in the Locked state."""

import pytest

from compliance.evidence import Finding


def lock_problem(vault):
    lock = vault.get("Lock")
    if lock is None:
        return f"holds {vault['NumberOfArchives']} archives and has no vault lock"
    if lock.get("State") != "Locked":
        return (f"its vault lock is {lock.get('State')}, not Locked (it lapses on {lock.get('ExpirationDate')} "
                "unless completed)")
    return None


@pytest.mark.control("glacier-vault-lock")
def test_glacier_vault_lock(glacier_vaults, evidence):
    evidence.record("vaults", glacier_vaults)
    findings = [
        Finding(vault["VaultARN"], problem,
                f"aws glacier initiate-vault-lock --vault-name {vault['VaultName']} --policy <a policy denying "
                "glacier:DeleteArchive before the retention age>, test it, then aws glacier complete-vault-lock "
                "within 24 hours")
        for vault in glacier_vaults if vault["NumberOfArchives"] and (problem := lock_problem(vault))
    ]
    evidence.verdict(findings)
