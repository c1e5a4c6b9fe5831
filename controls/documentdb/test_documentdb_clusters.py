"""DocumentDB clusters and their snapshots: encrypted, backed up, private,
audited and protected from deletion (the rules controls/rds/shape.py shares)."""

import pytest

from controls.rds import shape


@pytest.mark.control("documentdb-encrypted")
def test_documentdb_encrypted(documentdb_fleet, evidence):
    shape.storage_encrypted(evidence, documentdb_fleet, (
        "snapshot the cluster, restore it with aws docdb restore-db-cluster-from-snapshot --kms-key-id <key> (the "
        "restored cluster is encrypted), switch applications over, delete the old cluster"))


@pytest.mark.control("documentdb-backups")
def test_documentdb_backups(documentdb_fleet, params, evidence):
    shape.backups_kept(evidence, documentdb_fleet, params["retention_days"])


@pytest.mark.control("documentdb-snapshots-not-public")
def test_documentdb_snapshots_not_public(documentdb_snapshots, evidence):
    shape.snapshots_private(evidence, documentdb_snapshots)


@pytest.mark.control("documentdb-audit-logs")
def test_documentdb_audit_logs(documentdb_fleet, evidence):
    shape.logs_published(evidence, documentdb_fleet, lambda cluster: ["audit"])


@pytest.mark.control("documentdb-deletion-protection")
def test_documentdb_deletion_protection(documentdb_fleet, evidence):
    shape.deletion_protected(evidence, documentdb_fleet)
