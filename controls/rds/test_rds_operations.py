"""RDS databases take minor version upgrades on their own and survive the loss of an Availability Zone."""

import pytest

from controls.rds import shape
from controls.rds.shape import judge_clusters_and_instances, modify


@pytest.mark.control("rds-auto-minor-version-upgrade")
def test_rds_auto_minor_version_upgrade(rds_fleet, evidence):
    # Aurora sets it per instance; a Multi-AZ DB cluster (any other engine) per cluster.
    multi_az_db_clusters = [c for c in rds_fleet["clusters"] if not c["Engine"].startswith("aurora")]
    names = {c["DBClusterIdentifier"] for c in multi_az_db_clusters}
    judge_clusters_and_instances(
        evidence, multi_az_db_clusters, [db for db in rds_fleet["instances"] if db.get("DBClusterIdentifier") not in names],
        ("EngineVersion", "AutoMinorVersionUpgrade"),
        lambda db: None if db.get("AutoMinorVersionUpgrade") else
        f"automatic minor version upgrades are off ({db['Engine']} {db.get('EngineVersion')})",
        modify("--auto-minor-version-upgrade"))


@pytest.mark.control("rds-multi-az")
def test_rds_multi_az(rds_fleet, evidence):
    shape.across_zones(evidence, rds_fleet)
