"""RDS databases take minor version upgrades on their own and survive the loss of an Availability Zone."""

import pytest

from compliance.evidence import Finding
from controls.judging import judge_each


@pytest.mark.control("rds-auto-minor-version-upgrade")
def test_rds_auto_minor_version_upgrade(rds_instances, evidence):
    judge_each(evidence, "instances", rds_instances,
               ("DBInstanceArn", "Engine", "EngineVersion", "AutoMinorVersionUpgrade"),
               lambda db: None if db.get("AutoMinorVersionUpgrade") else
               f"automatic minor version upgrades are off ({db['Engine']} {db.get('EngineVersion')})",
               lambda db: f"aws rds modify-db-instance --db-instance-identifier {db['DBInstanceIdentifier']} "
                          "--auto-minor-version-upgrade --apply-immediately")


@pytest.mark.control("rds-multi-az")
def test_rds_multi_az(rds_instances, rds_clusters, evidence):
    standalone = [db for db in rds_instances if not db.get("DBClusterIdentifier")]
    evidence.record("instances", [{k: db.get(k) for k in ("DBInstanceArn", "MultiAZ", "AvailabilityZone",
                                                          "SecondaryAvailabilityZone")} for db in standalone])
    evidence.record("clusters", [{k: c.get(k) for k in ("DBClusterArn", "MultiAZ", "DBClusterMembers")}
                                 for c in rds_clusters])
    findings = [
        Finding(db["DBInstanceArn"], f"the instance runs in one Availability Zone ({db.get('AvailabilityZone')})",
                f"aws rds modify-db-instance --db-instance-identifier {db['DBInstanceIdentifier']} --multi-az")
        for db in standalone if not db.get("MultiAZ")
    ] + [
        Finding(c["DBClusterArn"], "the cluster's instances are all in one Availability Zone",
                f"aws rds create-db-instance --db-cluster-identifier {c['DBClusterIdentifier']} "
                "--availability-zone <another zone> (a reader to fail over to)")
        for c in rds_clusters if not c.get("MultiAZ")
    ]
    evidence.verdict(findings)
