"""Amazon ElastiCache: cache clusters (replication groups' members included) and replication groups."""


def cache_clusters(api, region):
    return sorted(api.read("elasticache", "DescribeCacheClusters", region)["CacheClusters"], key=lambda c: c["ARN"])


def replication_groups(api, region):
    return sorted(api.read("elasticache", "DescribeReplicationGroups", region)["ReplicationGroups"],
                  key=lambda g: g["ARN"])
