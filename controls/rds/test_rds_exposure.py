"""RDS instances are neither public nor unencrypted; snapshots are not public."""

import pytest

from compliance.evidence import Finding


@pytest.mark.control("rds-not-public")
def test_rds_not_public(rds_exposure, evidence):
    evidence.record("rds", rds_exposure)
    findings = [
        Finding(db["DBInstanceArn"], "the instance is publicly accessible",
                f"aws rds modify-db-instance --db-instance-identifier {db['DBInstanceIdentifier']} "
                "--no-publicly-accessible --apply-immediately")
        for db in rds_exposure["instances"] if db["PubliclyAccessible"]
    ] + [
        Finding(snapshot["Arn"],
                "any AWS account may restore the snapshot (restore attribute: all)",
                "aws rds modify-db-snapshot-attribute (or modify-db-cluster-snapshot-attribute) --attribute-name "
                "restore --values-to-remove all")
        for snapshot in rds_exposure["snapshots"] if "all" in snapshot["RestorableBy"]
    ]
    evidence.verdict(findings)


@pytest.mark.control("rds-storage-encrypted")
def test_rds_storage_encrypted(rds_instances, evidence):
    evidence.record("instances", rds_instances)
    findings = [
        Finding(db["DBInstanceArn"], "storage is not encrypted",
                "snapshot, copy the snapshot with --kms-key-id, restore the encrypted copy, switch applications")
        for db in rds_instances if not db.get("StorageEncrypted")
    ]
    evidence.verdict(findings)
