"""Neptune DB clusters and their snapshots: encrypted, private, logged,
backed up, protected from deletion, IAM-authenticated, tagged snapshots,
across Availability Zones (the rules controls/rds/shape.py shares)."""

import pytest

from controls.rds import shape


@pytest.mark.control("neptune-encrypted")
def test_neptune_encrypted(neptune_fleet, evidence):
    shape.storage_encrypted(evidence, neptune_fleet, (
        "snapshot the cluster, restore it with aws neptune restore-db-cluster-from-snapshot --storage-encrypted "
        "--kms-key-id <key>, switch applications over, delete the old cluster"))


@pytest.mark.control("neptune-snapshots-encrypted")
def test_neptune_snapshots_encrypted(neptune_snapshots, evidence):
    shape.snapshots_encrypted(evidence, neptune_snapshots)


@pytest.mark.control("neptune-snapshots-not-public")
def test_neptune_snapshots_not_public(neptune_snapshots, evidence):
    shape.snapshots_private(evidence, neptune_snapshots)


@pytest.mark.control("neptune-audit-logs")
def test_neptune_audit_logs(neptune_fleet, evidence):
    shape.logs_published(evidence, neptune_fleet, lambda cluster: ["audit"])


@pytest.mark.control("neptune-deletion-protection")
def test_neptune_deletion_protection(neptune_fleet, evidence):
    shape.deletion_protected(evidence, neptune_fleet)


@pytest.mark.control("neptune-backups")
def test_neptune_backups(neptune_fleet, params, evidence):
    shape.backups_kept(evidence, neptune_fleet, params["retention_days"])


@pytest.mark.control("neptune-iam-authentication")
def test_neptune_iam_authentication(neptune_fleet, evidence):
    shape.iam_authentication(evidence, neptune_fleet)


@pytest.mark.control("neptune-copy-tags-to-snapshots")
def test_neptune_copy_tags_to_snapshots(neptune_fleet, evidence):
    shape.tags_copied_to_snapshots(evidence, neptune_fleet)


@pytest.mark.control("neptune-multi-az")
def test_neptune_multi_az(neptune_fleet, evidence):
    shape.across_zones(evidence, neptune_fleet)
