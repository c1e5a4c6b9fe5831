"""Amazon MSK (Managed Streaming for Apache Kafka) clusters."""


def clusters(api, region):
    """Provisioned and serverless clusters (ListClustersV2)."""
    return sorted(api.read("kafka", "ListClustersV2", region)["ClusterInfoList"], key=lambda c: c["ClusterArn"])
