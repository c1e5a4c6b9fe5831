"""Amazon Redshift: provisioned clusters, their audit logging and the
parameters of the parameter groups they use."""


def clusters(api, region):
    return sorted(api.read("redshift", "DescribeClusters", region)["Clusters"], key=lambda c: c["ClusterIdentifier"])


def logging_status(api, region, cluster_id):
    """DescribeLoggingStatus of one cluster (no list request carries it)."""
    return api.read("redshift", "DescribeLoggingStatus", region, ClusterIdentifier=cluster_id)


def parameters(api, region, group):
    """``{parameter name: value}`` of the cluster parameter group ``group``
    (None for a parameter AWS reports without a value)."""
    found = api.read("redshift", "DescribeClusterParameters", region, ParameterGroupName=group)["Parameters"]
    return {p["ParameterName"]: p.get("ParameterValue") for p in found}
