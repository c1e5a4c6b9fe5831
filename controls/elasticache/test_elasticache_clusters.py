"""ElastiCache caches keep backups, take minor version upgrades and stay
out of the default subnet group."""

import pytest

from controls.elasticache.caches import REDIS_ENGINES, modify
from controls.judging import judge_each
from controls.shapes import at_least, required


def redis_clusters(cache_clusters):
    return [c for c in cache_clusters if c["Engine"] in REDIS_ENGINES]


@pytest.mark.control("elasticache-automatic-backups")
def test_elasticache_automatic_backups(replication_groups, cache_clusters, params, evidence):
    """Replication groups keep the backups of their members; a Redis OSS or Valkey cluster outside one, its own."""
    keep = params["min_retention_days"]
    caches = replication_groups + [c for c in redis_clusters(cache_clusters) if not c.get("ReplicationGroupId")]
    judge_each(evidence, "caches", caches, ("ARN", "ReplicationGroupId", "SnapshotRetentionLimit", "SnapshotWindow"),
               at_least("SnapshotRetentionLimit", keep, "days of automatic backups kept"),
               lambda c: modify(c, f"--snapshot-retention-limit {max(keep, 7)}"))


@pytest.mark.control("elasticache-auto-minor-version-upgrade")
def test_elasticache_auto_minor_version_upgrade(cache_clusters, evidence):
    judge_each(evidence, "clusters", redis_clusters(cache_clusters),
               ("ARN", "Engine", "EngineVersion", "ReplicationGroupId", "AutoMinorVersionUpgrade"),
               required("AutoMinorVersionUpgrade", "automatic minor version upgrades are off"),
               lambda c: modify(c, "--auto-minor-version-upgrade"))


def subnet_group_problem(cluster):
    group = cluster.get("CacheSubnetGroupName")
    if group == "default":
        return "the cluster is in the default subnet group"
    return None if group else "the cluster names no subnet group"


@pytest.mark.control("elasticache-no-default-subnet-group")
def test_elasticache_no_default_subnet_group(cache_clusters, evidence):
    judge_each(evidence, "clusters", cache_clusters, ("ARN", "Engine", "ReplicationGroupId", "CacheSubnetGroupName"),
               subnet_group_problem,
               lambda c: "create a subnet group of private subnets (aws elasticache create-cache-subnet-group), "
                         "create the cache again in it from a backup (--cache-subnet-group-name <group> "
                         "--snapshot-name <backup>) and switch clients over")
