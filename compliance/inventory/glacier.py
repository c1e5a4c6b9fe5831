"""Amazon S3 Glacier vaults and their vault locks."""


def vaults(api, region):
    return sorted(api.read("glacier", "ListVaults", region)["VaultList"], key=lambda v: v["VaultARN"])


def vault_lock(api, region, vault_name):
    """The vault's lock (policy, State InProgress or Locked), or None when it has none."""
    answer = api.read("glacier", "GetVaultLock", region, absent=("ResourceNotFoundException",), vaultName=vault_name)
    if answer is None:
        return None
    return {k: answer[k] for k in ("Policy", "State", "CreationDate", "ExpirationDate") if k in answer}
