"""Amazon ECS: clusters, services and task definitions."""

from compliance.inventory import batches, whole


def latest_task_definitions(api, region):
    """The latest ACTIVE revision of every task definition family of the
    region: the one a service or task started by family name runs."""
    latest = {}
    for arn in api.read("ecs", "ListTaskDefinitions", region, status="ACTIVE")["taskDefinitionArns"]:
        family, revision = arn.rsplit("/", 1)[1].rsplit(":", 1)
        latest[family] = max(latest.get(family, (0, arn)), (int(revision), arn))
    return [api.read("ecs", "DescribeTaskDefinition", region, taskDefinition=latest[family][1])["taskDefinition"]
            for family in sorted(latest)]


def cluster_arns(api, region):
    return sorted(api.read("ecs", "ListClusters", region)["clusterArns"])


def clusters(api, region):
    """The region's clusters with their settings (Container Insights), 100 a request."""
    return [cluster for batch in batches(cluster_arns(api, region), 100)
            for cluster in _whole(api, "DescribeClusters", region, api.read(
                "ecs", "DescribeClusters", region, clusters=batch, include=["SETTINGS"]), "clusters", batch)]


def services(api, region):
    """Every service of every cluster of the region, 10 a ``DescribeServices`` request."""
    found = []
    for cluster in cluster_arns(api, region):
        arns = sorted(api.read("ecs", "ListServices", region, cluster=cluster)["serviceArns"])
        for batch in batches(arns, 10):
            found += _whole(api, "DescribeServices", region, api.read(
                "ecs", "DescribeServices", region, cluster=cluster, services=batch), "services", batch)
    return found


def _whole(api, operation, region, answer, key, asked):
    return whole(api, "ecs", operation, region, answer,
                 lambda f: f"{f.get('arn')}: {f.get('reason')} {f.get('detail', '')}".rstrip(), key, asked)
