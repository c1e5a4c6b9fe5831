"""Amazon EKS: the region's clusters and the Kubernetes versions EKS supports."""


def clusters(api, region):
    """Each cluster of the region as ``DescribeCluster`` answers it, sorted by name."""
    names = sorted(api.read("eks", "ListClusters", region)["clusters"])
    return [api.read("eks", "DescribeCluster", region, name=name)["cluster"] for name in names]


def cluster_versions(api, region):
    """``{Kubernetes version: its support status}`` (STANDARD_SUPPORT,
    EXTENDED_SUPPORT or UNSUPPORTED) of every version EKS knows in the region,
    as ``DescribeClusterVersions`` with includeAll answers."""
    answer = api.read("eks", "DescribeClusterVersions", region, includeAll=True)
    return {v["clusterVersion"]: v["versionStatus"] for v in answer["clusterVersions"]}
