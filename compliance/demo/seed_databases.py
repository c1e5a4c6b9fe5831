"""The demo's databases beyond seed_rds's: prod keeps an Aurora MySQL catalog,
a Neptune graph, a DocumentDB store and a Redshift warehouse that meet every
database control, with private encrypted snapshots and event subscriptions
for every critical event; dev's counterparts meet none, and their snapshots
are public."""

from compliance.demo.organization import IDS, create_database

ADMIN = {"MasterUsername": "owner", "MasterUserPassword": "demo-password-1"}
PROTECTED = {"StorageEncrypted": True, "DeletionProtection": True, "BackupRetentionPeriod": 7}
CRITICAL_EVENTS = {"db-cluster": ["failure", "maintenance"],
                   "db-instance": ["maintenance", "configuration change", "failure"],
                   "db-parameter-group": ["configuration change"],
                   "db-security-group": ["configuration change", "failure"]}


def create_cluster(seeder, account_id, region, name, engine, zones=(), instance_options=None, **options):
    """A DB cluster of ``engine`` (CreateDBCluster's ``options``) with one
    instance in each of ``zones`` (CreateDBInstance's ``instance_options``)."""
    rds = seeder.client("rds", account_id, region)
    rds.create_db_cluster(DBClusterIdentifier=name, Engine=engine, **({} if engine == "neptune" else ADMIN) | options)
    for number, zone in enumerate(zones):
        rds.create_db_instance(DBInstanceIdentifier=f"{name}-{number}", DBClusterIdentifier=name, Engine=engine,
                               DBInstanceClass="db.r6g.large", AvailabilityZone=zone, **(instance_options or {}))


def cluster_snapshot(seeder, account_id, region, cluster, restorable_by=None):
    """A manual snapshot of ``cluster`` that ``restorable_by`` (an account ID, or all) may restore."""
    rds = seeder.client("rds", account_id, region)
    name = f"{cluster}-snapshot"
    rds.create_db_cluster_snapshot(DBClusterIdentifier=cluster, DBClusterSnapshotIdentifier=name)
    if restorable_by:
        rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier=name, AttributeName="restore",
                                                 ValuesToAdd=[restorable_by])


def subscribe(seeder, account_id, region, events, enabled=True):
    """An event subscription per source type of ``events`` ({source type: categories})."""
    rds = seeder.client("rds", account_id, region)
    for source_type, categories in events.items():
        rds.create_event_subscription(
            SubscriptionName=f"critical-{source_type}", SourceType=source_type, EventCategories=categories,
            SnsTopicArn=f"arn:aws:sns:{region}:{account_id}:database-events", Enabled=enabled)


def warehouse(seeder, account_id, region, name, require_ssl=None, logging=False, **options):
    """A Redshift cluster (CreateCluster's ``options``); with ``require_ssl``, in a
    parameter group of its own that sets it; with ``logging``, audit logs to CloudWatch Logs."""
    redshift = seeder.client("redshift", account_id, region)
    if require_ssl is not None:
        group = f"{name}-parameters"
        redshift.create_cluster_parameter_group(ParameterGroupName=group, ParameterGroupFamily="redshift-1.0",
                                                Description=f"{name}'s parameters")
        redshift.modify_cluster_parameter_group(ParameterGroupName=group, Parameters=[
            {"ParameterName": "require_ssl", "ParameterValue": require_ssl}])
        options["ClusterParameterGroupName"] = group
    redshift.create_cluster(ClusterIdentifier=name, NodeType="ra3.xlplus", MasterUserPassword="Demo-password-1",
                            **{"MasterUsername": "awsuser", **options})
    if logging:
        redshift.enable_logging(ClusterIdentifier=name, LogDestinationType="cloudwatch",
                                LogExports=["connectionlog", "userlog", "useractivitylog"])


COMPLIANT_WAREHOUSE = {"require_ssl": "true", "logging": True, "Encrypted": True, "PubliclyAccessible": False,
                       "AutomatedSnapshotRetentionPeriod": 7, "AllowVersionUpgrade": True, "EnhancedVpcRouting": True,
                       "MasterUsername": "warehouse_owner", "DBName": "analytics"}


def tls_only_parameters(seeder, account_id, region, name, family="postgres16"):
    """A PostgreSQL DB parameter group that refuses unencrypted connections."""
    rds = seeder.client("rds", account_id, region)
    rds.create_db_parameter_group(DBParameterGroupName=name, DBParameterGroupFamily=family, Description=name)
    rds.modify_db_parameter_group(DBParameterGroupName=name, Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])


def seed_databases(seeder):
    region = "eu-central-1"
    prod, dev = IDS["prod"], IDS["dev"]
    zones = (f"{region}a", f"{region}b")
    create_cluster(seeder, prod, region, "catalog", "aurora-mysql", zones, {"MonitoringInterval": 60, "MonitoringRoleArn": f"arn:aws:iam::{prod}:role/rds-monitoring"},
                   **PROTECTED, CopyTagsToSnapshot=True, EnableIAMDatabaseAuthentication=True,
                   EnableCloudwatchLogsExports=["audit", "error", "general", "slowquery"], BacktrackWindow=86400,
                   Port=3310, MasterUsername="catalog_owner")
    tls_only_parameters(seeder, prod, region, "tls-only")
    create_database(seeder, prod, region, "reports-db", "rds-ca-rsa2048-g1", MultiAZ=True, DBParameterGroupName="tls-only",
                    MasterUsername="reports_owner", Port=5440, DeletionProtection=True, BackupRetentionPeriod=7,
                    CopyTagsToSnapshot=True, EnableIAMDatabaseAuthentication=True,
                    EnableCloudwatchLogsExports=["postgresql", "upgrade"], MonitoringInterval=60,
                    MonitoringRoleArn=f"arn:aws:iam::{prod}:role/rds-monitoring")
    create_cluster(seeder, prod, region, "graph", "neptune", zones, **PROTECTED, CopyTagsToSnapshot=True,
                   EnableIAMDatabaseAuthentication=True, EnableCloudwatchLogsExports=["audit"])
    create_cluster(seeder, prod, region, "documents", "docdb", **PROTECTED, EnableCloudwatchLogsExports=["audit"])
    for cluster in ("catalog", "graph", "documents"):
        cluster_snapshot(seeder, prod, region, cluster, IDS["security"])
    subscribe(seeder, prod, region, CRITICAL_EVENTS)
    warehouse(seeder, prod, region, "warehouse", **COMPLIANT_WAREHOUSE)
    # dev: nothing on; Aurora MySQL under the default name and port; snapshots public.
    create_cluster(seeder, dev, region, "dev-reports", "aurora-mysql", zones[:1], MasterUsername="admin",
                   BackupRetentionPeriod=1)
    create_cluster(seeder, dev, region, "dev-graph", "neptune", zones[:1], BackupRetentionPeriod=1)
    create_cluster(seeder, dev, region, "dev-documents", "docdb", BackupRetentionPeriod=1)
    for cluster in ("dev-graph", "dev-documents"):
        cluster_snapshot(seeder, dev, region, cluster, "all")
    subscribe(seeder, dev, region, {"db-instance": ["failure"]}, enabled=False)
    warehouse(seeder, dev, region, "dev-warehouse", require_ssl="false", PubliclyAccessible=True,
              AllowVersionUpgrade=False)
