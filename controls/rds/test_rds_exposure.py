"""RDS databases and their snapshots are neither public nor unencrypted."""

import pytest

from compliance.evidence import Finding
from controls.judging import settings
from controls.rds import shape
from controls.rds.shape import make_private, modify, public_snapshot


@pytest.mark.control("rds-not-public")
def test_rds_not_public(rds_fleet, rds_snapshots, evidence):
    instances = rds_fleet["instances"]
    evidence.record("instances", settings(instances, ("DBInstanceArn", "Engine", "PubliclyAccessible")))
    evidence.record("snapshots", settings(rds_snapshots, ("Arn", "Engine", "RestorableBy")))
    evidence.verdict([
        Finding(db["DBInstanceArn"], "the instance is publicly accessible", modify("--no-publicly-accessible")(db))
        for db in instances if db["PubliclyAccessible"]
    ] + [Finding(s["Arn"], problem, make_private(s)) for s in rds_snapshots if (problem := public_snapshot(s))])


@pytest.mark.control("rds-storage-encrypted")
def test_rds_storage_encrypted(rds_fleet, evidence):
    shape.storage_encrypted(evidence, rds_fleet, "snapshot, copy the snapshot with --kms-key-id, restore the "
                                                 "encrypted copy, switch applications")


@pytest.mark.control("rds-snapshots-encrypted")
def test_rds_snapshots_encrypted(rds_snapshots, evidence):
    shape.snapshots_encrypted(evidence, rds_snapshots)
