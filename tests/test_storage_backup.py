"""The AWS Backup controls, and the moto patch they need, proven against moto."""

from compliance.demo.moto_storage import add_recovery_point
from compliance.demo.organization import create_key
from compliance.demo.seed_storage import create_table
from tests.conftest import DEV, PROD, REGION, write_baseline

CONTROLS = "controls/backup"
PROTECTION = ["backup-efs-protected", "backup-ebs-protected", "backup-dynamodb-protected", "backup-rds-protected"]
ALL = PROTECTION + ["backup-recovery-points-encrypted"]


def resources(seeder, account):
    """An EFS file system, an EBS volume, a DynamoDB table and a DB instance: their ARNs and AWS Backup's types."""
    efs = seeder.client("efs", account, REGION).create_file_system(CreationToken="files", Encrypted=True)
    volume = seeder.client("ec2", account, REGION).create_volume(AvailabilityZone=f"{REGION}a", Size=8)
    table = create_table(seeder, account, REGION, "orders")
    instance = seeder.client("rds", account, REGION).create_db_instance(
        DBInstanceIdentifier="orders", Engine="postgres", DBInstanceClass="db.t3.micro", MasterUsername="admin",
        MasterUserPassword="not-a-secret-1", AllocatedStorage=20)["DBInstance"]
    return [(efs["FileSystemArn"], "EFS"),
            (f"arn:aws:ec2:{REGION}:{account}:volume/{volume['VolumeId']}", "EBS"),
            (table["TableArn"], "DynamoDB"), (instance["DBInstanceArn"], "RDS")]


def test_recent_encrypted_backups_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline, run_suite):
    key = create_key(seeder, PROD, REGION, "backups")
    for account in (PROD, DEV):
        seeder.client("backup", account, REGION).create_backup_vault(BackupVaultName="daily")
    for arn, kind in resources(seeder, PROD):
        add_recovery_point(PROD, REGION, "daily", arn, kind, days_ago=1, key_arn=key)
    (efs, _), (volume, _), (table, _), (instance, _) = resources(seeder, DEV)
    add_recovery_point(DEV, REGION, "daily", volume, "EBS", days_ago=30, key_arn=key)
    add_recovery_point(DEV, REGION, "daily", table, "DynamoDB", days_ago=2)

    suite = run_suite(CONTROLS, baseline=regional_baseline)

    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(ALL, "passed"), suite.output
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    problems = {c: [(f["resource"], f["problem"].split(" (")[0]) for f in r["findings"]] for c, r in results.items()}
    never = "AWS Backup has never backed it up"
    assert problems == {
        "backup-efs-protected": [(efs, never)],
        "backup-ebs-protected": [(volume, "its latest AWS Backup backup is 30 days old")],
        "backup-dynamodb-protected": [],
        "backup-rds-protected": [(instance, never)],
        "backup-recovery-points-encrypted": [(f"arn:aws:backup:{REGION}:{DEV}:recovery-point:00000002",
                                              "the recovery point is not encrypted")],
    }


def test_unreadable_backup_apis_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    baseline = write_baseline(tmp_path / "b.yaml", regions=["us-east-1", REGION])
    seeder.client("backup", DEV, "us-east-1").create_backup_vault(BackupVaultName="daily")
    faults = {(PROD, REGION): ("backup", "ListProtectedResources", PROTECTION),
              (PROD, "us-east-1"): ("backup", "ListBackupVaults", ["backup-recovery-points-encrypted"]),
              (DEV, "us-east-1"): ("backup", "ListRecoveryPointsByBackupVault", ["backup-recovery-points-encrypted"]),
              (DEV, REGION): ("ec2", "DescribeVolumes", ["backup-ebs-protected"])}
    for (account, region), (service, operation, _) in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation,
                         account=account, region=region)
    suite = run_suite(CONTROLS, baseline=baseline)
    for (account, region), (service, operation, controls) in faults.items():
        results = suite.by_control(f"{'prod' if account == PROD else 'dev'}-{account}-{region}")
        assert {c for c, r in results.items() if r["outcome"] == "error"} == set(controls), suite.output
        assert all(f"could not read {service}:{operation}" in results[c]["message"] for c in controls)


def test_moto_lists_recorded_recovery_points_and_protected_resources(seeder):
    backup = seeder.client("backup", DEV, REGION)
    backup.create_backup_vault(BackupVaultName="daily")
    arn = f"arn:aws:ec2:{REGION}:{DEV}:volume/vol-0123456789abcdef0"
    add_recovery_point(DEV, REGION, "daily", arn, "EBS", days_ago=5)
    add_recovery_point(DEV, REGION, "daily", arn, "EBS", days_ago=1, key_arn="arn:aws:kms:eu-west-1:1:key/k")
    points = backup.list_recovery_points_by_backup_vault(BackupVaultName="daily")["RecoveryPoints"]
    assert [(p["IsEncrypted"], p.get("EncryptionKeyArn")) for p in points] == [
        (False, None), (True, "arn:aws:kms:eu-west-1:1:key/k")]
    (resource,) = backup.list_protected_resources()["Results"]
    assert resource["ResourceArn"] == arn and resource["LastBackupTime"] == points[1]["CreationDate"]
