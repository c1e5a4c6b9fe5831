"""What the ElastiCache controls share: the engines that keep backups, and the fix command."""

REDIS_ENGINES = ("redis", "valkey")  # Memcached keeps no backups and takes no minor version upgrades


def modify(cache, options):
    """The command that sets ``options`` on a replication group, or on a
    cluster (on its replication group when it belongs to one)."""
    if ":replicationgroup:" in cache["ARN"] or cache.get("ReplicationGroupId"):
        return (f"aws elasticache modify-replication-group --replication-group-id {cache['ReplicationGroupId']} "
                f"{options} --apply-immediately")
    return f"aws elasticache modify-cache-cluster --cache-cluster-id {cache['CacheClusterId']} {options} " \
           "--apply-immediately"
