"""AWS Backup: protected resources, vaults and their recovery points."""


def protected_resources(api, region):
    """{resource ARN: its entry} for every resource AWS Backup has backed up in
    the region, with the time of its latest backup (ListProtectedResources)."""
    return {r["ResourceArn"]: r for r in api.read("backup", "ListProtectedResources", region)["Results"]}


def vaults(api, region):
    return sorted(api.read("backup", "ListBackupVaults", region)["BackupVaultList"], key=lambda v: v["BackupVaultArn"])


def recovery_points(api, region, vault_name):
    return api.read("backup", "ListRecoveryPointsByBackupVault", region, BackupVaultName=vault_name)["RecoveryPoints"]
