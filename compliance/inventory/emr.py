"""Amazon EMR: the region's active clusters with their primary nodes, and block public access."""

from compliance.aws.answers import extended

ACTIVE = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]  # the states in which a cluster has instances


def active_clusters(api, region):
    """Each active cluster (DescribeCluster) with its primary nodes (``PrimaryNodes``, ListInstances)."""
    found = []
    for listed in api.read("emr", "ListClusters", region, ClusterStates=ACTIVE)["Clusters"]:
        cluster = api.read("emr", "DescribeCluster", region, ClusterId=listed["Id"])["Cluster"]
        # InstanceCollectionType is absent from clusters made before instance fleets existed: instance groups.
        if cluster.get("InstanceCollectionType") == "INSTANCE_FLEET":
            primary = {"InstanceFleetType": "MASTER"}
        else:
            primary = {"InstanceGroupTypes": ["MASTER"]}
        nodes = api.read("emr", "ListInstances", region, ClusterId=listed["Id"], **primary)["Instances"]
        found.append(extended(cluster, PrimaryNodes=nodes))
    return sorted(found, key=lambda c: c["ClusterArn"])


def block_public_access(api, region):
    """The region's BlockPublicAccessConfiguration."""
    return api.read("emr", "GetBlockPublicAccessConfiguration", region)["BlockPublicAccessConfiguration"]
