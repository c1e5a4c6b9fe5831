"""Amazon DynamoDB tables, their auto scaling and continuous backups, and
DynamoDB Accelerator (DAX) clusters."""


def table_names(api, region):
    return sorted(api.read("dynamodb", "ListTables", region)["TableNames"])


def tables(api, region):
    """Every table of the region (DescribeTable each: no list request carries
    their settings), sorted by ARN; a table deleted since it was listed is left out."""
    found = api.each(lambda name: api.read("dynamodb", "DescribeTable", region, absent=("ResourceNotFoundException",),
                                           TableName=name), table_names(api, region))
    return sorted((answer["Table"] for answer in found if answer is not None), key=lambda t: t["TableArn"])


def continuous_backups(api, region, table_name):
    """The table's ContinuousBackupsDescription (None: the table was deleted since it was listed)."""
    answer = api.read("dynamodb", "DescribeContinuousBackups", region, absent=("TableNotFoundException",),
                      TableName=table_name)
    return None if answer is None else answer["ContinuousBackupsDescription"]


def scalable_targets(api, region):
    """The region's Application Auto Scaling targets of DynamoDB tables and indexes."""
    return api.read("application-autoscaling", "DescribeScalableTargets", region,
                    ServiceNamespace="dynamodb")["ScalableTargets"]


def dax_clusters(api, region):
    return sorted(api.read("dax", "DescribeClusters", region)["Clusters"], key=lambda c: c["ClusterArn"])
