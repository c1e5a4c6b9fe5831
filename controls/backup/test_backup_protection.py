"""EFS file systems, EBS volumes, DynamoDB tables and RDS DB instances are
backed up by AWS Backup, recently."""

import pytest

from controls.judging import judge_each

FIX = ("add it to a backup plan: aws backup create-backup-selection --backup-plan-id <plan> --backup-selection "
       "'SelectionName=<name>,IamRoleArn=<AWS Backup role>,Resources={arn}' (or tag it for a tag-based selection)")


def backup_problem(resource, now, maximum_days):
    """Why the resource is not protected, when it is not: no AWS Backup
    recovery point, or none within ``maximum_days`` of ``now``."""
    last = resource["LastBackupTime"]
    if last is None:
        return "AWS Backup has never backed it up (no backup plan protects it)"
    age = (now - last).days
    if age > maximum_days:
        return f"its latest AWS Backup backup is {age} days old ({last.date().isoformat()}), over {maximum_days}"
    return None


def judge_backups(evidence, resources, now, params):
    judge_each(evidence, "resources", resources, ("ResourceArn", "LastBackupTime"),
               lambda r: backup_problem(r, now, params["maximum_days_since_backup"]),
               lambda r: FIX.format(arn=r["ResourceArn"]))


@pytest.mark.control("backup-efs-protected")
def test_backup_efs_protected(efs_backups, now, params, evidence):
    judge_backups(evidence, efs_backups, now, params)


@pytest.mark.control("backup-ebs-protected")
def test_backup_ebs_protected(volume_backups, now, params, evidence):
    judge_backups(evidence, volume_backups, now, params)


@pytest.mark.control("backup-dynamodb-protected")
def test_backup_dynamodb_protected(table_backups, now, params, evidence):
    judge_backups(evidence, table_backups, now, params)


@pytest.mark.control("backup-rds-protected")
def test_backup_rds_protected(db_instance_backups, now, params, evidence):
    judge_backups(evidence, db_instance_backups, now, params)


@pytest.mark.control("backup-recovery-points-encrypted")
def test_backup_recovery_points_encrypted(backup_recovery_points, evidence):
    judge_each(evidence, "recovery_points", backup_recovery_points,
               ("RecoveryPointArn", "BackupVaultName", "ResourceArn", "IsEncrypted", "EncryptionKeyArn"),
               lambda p: None if p.get("IsEncrypted") else "the recovery point is not encrypted",
               lambda p: (f"encrypt the source ({p['ResourceArn']}) or copy the recovery point into a vault with a "
                          "KMS key (aws backup start-copy-job), then aws backup delete-recovery-point "
                          f"--backup-vault-name {p['BackupVaultName']} --recovery-point-arn {p['RecoveryPointArn']}"))
