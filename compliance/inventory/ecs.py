"""Amazon ECS: clusters, services and task definitions."""

from compliance.inventory import batches, whole


def latest_task_definitions(api, region):
    """The latest ACTIVE revision of every task definition family of the
    region: the one a service or task started by family name runs."""
    latest = {}
    for arn in api.read("ecs", "ListTaskDefinitions", region, status="ACTIVE")["taskDefinitionArns"]:
        family, revision = arn.rsplit("/", 1)[1].rsplit(":", 1)
        latest[family] = max(latest.get(family, (0, arn)), (int(revision), arn))
    return api.each(lambda family: api.read("ecs", "DescribeTaskDefinition", region,
                                            taskDefinition=latest[family][1])["taskDefinition"], sorted(latest))


def cluster_arns(api, region):
    return sorted(api.read("ecs", "ListClusters", region)["clusterArns"])


def clusters(api, region):
    """The region's clusters with their settings (Container Insights), 100 a request."""
    return [cluster for batch in batches(cluster_arns(api, region), 100)
            for cluster in _whole(api, "DescribeClusters", region, api.read(
                "ecs", "DescribeClusters", region, clusters=batch, include=["SETTINGS"]), "clusters", batch)]


def services(api, region):
    """Every service of every cluster of the region, 10 a ``DescribeServices``
    request; the clusters side by side."""
    def of_cluster(cluster):
        arns = sorted(api.read("ecs", "ListServices", region, cluster=cluster)["serviceArns"])
        return [service for batch in batches(arns, 10) for service in _whole(api, "DescribeServices", region, api.read(
            "ecs", "DescribeServices", region, cluster=cluster, services=batch), "services", batch)]

    return [service for found in api.each(of_cluster, cluster_arns(api, region)) for service in found]


def _whole(api, operation, region, answer, key, asked):
    return whole(api, "ecs", operation, region, answer,
                 lambda f: f"{f.get('arn')}: {f.get('reason')} {f.get('detail', '')}".rstrip(), key, asked)
