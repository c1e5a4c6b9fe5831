"""The demo's data services, each with a compliant resource in prod and the
violations in dev: OpenSearch (and Elasticsearch) domains, ElastiCache,
DynamoDB tables and DAX clusters, DMS, EMR, MSK, Kinesis and Athena."""

import json

from compliance.demo.moto_data import offer_software_update
from compliance.demo.organization import DEMO_REGIONS, IDS, MANAGEMENT, open_policy

LATEST_TLS = "Policy-Min-TLS-1-2-PFS-2023-10"


def changed(settings, changes):
    """``settings`` with ``changes`` made; a change to None leaves the member out."""
    return {k: v for k, v in (settings | changes).items() if v is not None}


def organization_id(seeder):
    return seeder.client("organizations", MANAGEMENT).describe_organization()["Organization"]["Id"]


def private_subnet(seeder, account_id, region):
    """A subnet (and a security group) of a new VPC: ``(subnet ID, group ID)``."""
    ec2 = seeder.client("ec2", account_id, region)
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="data", Description="data services", VpcId=vpc)["GroupId"]
    return subnet, group


def search_domain(seeder, account_id, region, name, org_id, **changes):
    """An OpenSearch domain compliant with every control, but for ``changes``
    (members of CreateDomain replaced; a None value leaves the member out).
    Its access policy admits only ``org_id``'s principals."""
    subnet, group = private_subnet(seeder, account_id, region)
    arn = f"arn:aws:es:{region}:{account_id}:domain/{name}"
    logs = f"arn:aws:logs:{region}:{account_id}:log-group:/aws/opensearch/{name}"
    settings = {
        "EngineVersion": "OpenSearch_2.13",
        "ClusterConfig": {"InstanceType": "r6g.large.search", "InstanceCount": 3, "ZoneAwarenessEnabled": True,
                          "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3}, "DedicatedMasterEnabled": True,
                          "DedicatedMasterType": "m6g.large.search", "DedicatedMasterCount": 3},
        "VPCOptions": {"SubnetIds": [subnet], "SecurityGroupIds": [group]},
        "AccessPolicies": open_policy("es:ESHttp*", f"{arn}/*", {"StringEquals": {"aws:PrincipalOrgID": org_id}},
                                      principal={"AWS": "*"}),
        "EncryptionAtRestOptions": {"Enabled": True},
        "NodeToNodeEncryptionOptions": {"Enabled": True},
        "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": LATEST_TLS},
        "AdvancedSecurityOptions": {"Enabled": True, "InternalUserDatabaseEnabled": False,
                                    "MasterUserOptions": {"MasterUserARN": f"arn:aws:iam::{account_id}:role/search"}},
        "LogPublishingOptions": {log: {"CloudWatchLogsLogGroupArn": logs, "Enabled": True}
                                 for log in ("ES_APPLICATION_LOGS", "AUDIT_LOGS")},
    }
    seeder.client("opensearch", account_id, region).create_domain(DomainName=name, **changed(settings, changes))
    return arn


def legacy_domain(seeder, account_id, region, name):
    """An Elasticsearch 7.10 domain created through the legacy Elasticsearch API with its defaults:
    public, unencrypted, one node, no logs."""
    seeder.client("es", account_id, region).create_elasticsearch_domain(
        DomainName=name, ElasticsearchVersion="7.10",
        ElasticsearchClusterConfig={"InstanceType": "t3.small.elasticsearch", "InstanceCount": 1})
    return f"arn:aws:es:{region}:{account_id}:domain/{name}"


def seed_search_domains(seeder):
    """prod's catalog search domain complies; dev keeps an old Elasticsearch
    domain with every default, and a domain open to anyone whose TLS policy,
    nodes and service software lag."""
    org_id = organization_id(seeder)
    search_domain(seeder, IDS["prod"], "eu-west-1", "catalog", org_id)
    legacy_domain(seeder, IDS["dev"], "eu-west-1", "old-logs")
    search_domain(seeder, IDS["dev"], "eu-west-1", "playground", org_id,
                  AccessPolicies=open_policy("es:ESHttp*", f"arn:aws:es:eu-west-1:{IDS['dev']}:domain/playground/*"),
                  DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
                  ClusterConfig={"InstanceType": "t3.small.search", "InstanceCount": 3, "ZoneAwarenessEnabled": False,
                                 "DedicatedMasterEnabled": True, "DedicatedMasterType": "t3.small.search",
                                 "DedicatedMasterCount": 2})
    offer_software_update(IDS["dev"], "eu-west-1", "playground", "OpenSearch_2_13_R20240520",
                          "OpenSearch_2_13_R20241003")


def cache_subnet_group(seeder, account_id, region, name):
    """An ElastiCache subnet group of a new VPC's subnet."""
    subnet, _ = private_subnet(seeder, account_id, region)
    seeder.client("elasticache", account_id, region).create_cache_subnet_group(
        CacheSubnetGroupName=name, CacheSubnetGroupDescription=name, SubnetIds=[subnet])
    return name


def replication_group(seeder, account_id, region, name, **changes):
    """A Redis OSS replication group compliant with every control, but for
    ``changes`` (members of CreateReplicationGroup replaced; None leaves one out)."""
    settings = {
        "Engine": "redis", "EngineVersion": "7.1", "CacheNodeType": "cache.t4g.small", "NumCacheClusters": 2,
        "AutomaticFailoverEnabled": True, "MultiAZEnabled": True, "SnapshotRetentionLimit": 7,
        "AtRestEncryptionEnabled": True, "TransitEncryptionEnabled": True, "TransitEncryptionMode": "required",
        "AuthToken": "demo-auth-token-0123456789",
        "CacheSubnetGroupName": cache_subnet_group(seeder, account_id, region, f"{name}-private"),
    }
    answer = seeder.client("elasticache", account_id, region).create_replication_group(
        ReplicationGroupId=name, ReplicationGroupDescription=name, **changed(settings, changes))
    return answer["ReplicationGroup"]["ARN"]


def cache_cluster(seeder, account_id, region, name, **settings):
    """A cache cluster outside any replication group, created with ``settings``."""
    return seeder.client("elasticache", account_id, region).create_cache_cluster(
        CacheClusterId=name, CacheNodeType="cache.t4g.small", NumCacheNodes=1, **settings)["CacheCluster"]["ARN"]


UNPROTECTED_GROUP = {"EngineVersion": "5.0.6", "AutomaticFailoverEnabled": False, "MultiAZEnabled": False,
                     "NumCacheClusters": 1, "SnapshotRetentionLimit": 0, "AtRestEncryptionEnabled": False,
                     "TransitEncryptionEnabled": False, "TransitEncryptionMode": None, "AuthToken": None,
                     "CacheSubnetGroupName": None, "AutoMinorVersionUpgrade": False}


def seed_caches(seeder):
    """prod's session store and its Memcached page cache comply; dev's old
    session store has every protection off, its job queue still accepts
    clients without TLS, and a scratch Redis sits in the default subnet group
    without backups."""
    prod, dev = IDS["prod"], IDS["dev"]
    replication_group(seeder, prod, "eu-west-1", "sessions")
    cache_cluster(seeder, prod, "eu-west-1", "pages", Engine="memcached",
                  CacheSubnetGroupName=cache_subnet_group(seeder, prod, "eu-west-1", "pages-private"))
    replication_group(seeder, dev, "eu-west-1", "sessions-old", **UNPROTECTED_GROUP)
    replication_group(seeder, dev, "eu-west-1", "jobs", TransitEncryptionMode="preferred")
    cache_cluster(seeder, dev, "eu-west-1", "scratch", Engine="redis", EngineVersion="7.1")


def table(seeder, account_id, region, name, provisioned=False, index=False, recovery=True, **create):
    """A DynamoDB table keyed by ``id`` (with a global secondary index on
    ``owner`` when ``index``): on-demand unless ``provisioned`` (then without
    auto scaling), with point-in-time recovery unless not ``recovery``."""
    capacity = {"ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}} if provisioned else {}
    indexes = {"GlobalSecondaryIndexes": [{"IndexName": "by-owner", "KeySchema": [
        {"AttributeName": "owner", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}, **capacity}]}
    dynamodb = seeder.client("dynamodb", account_id, region)
    arn = dynamodb.create_table(
        TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"} for key in ("id", "owner")[:1 + index]],
        BillingMode="PROVISIONED" if provisioned else "PAY_PER_REQUEST", **capacity, **(indexes if index else {}),
        **create)["TableDescription"]["TableArn"]
    if recovery:
        dynamodb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={
            "PointInTimeRecoveryEnabled": True})
    return arn


def scale(seeder, account_id, region, resource_id, kind="table"):
    """Auto scaling of the read and write capacity of ``resource_id`` (a table, or an index when ``kind``)."""
    scaling = seeder.client("application-autoscaling", account_id, region)
    for dimension in ("ReadCapacityUnits", "WriteCapacityUnits"):
        scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=resource_id,
                                         ScalableDimension=f"dynamodb:{kind}:{dimension}", MinCapacity=5,
                                         MaxCapacity=100)


def dax_cluster(seeder, account_id, region, name, encrypted=True):
    """A DAX cluster of three nodes, encrypted at rest and in transit when ``encrypted``."""
    return seeder.client("dax", account_id, region).create_cluster(
        ClusterName=name, NodeType="dax.t3.small", ReplicationFactor=3,
        IamRoleArn=f"arn:aws:iam::{account_id}:role/dax-{name}",
        SSESpecification={"Enabled": encrypted}, ClusterEndpointEncryptionType="TLS" if encrypted else "NONE",
    )["Cluster"]["ClusterArn"]


def seed_tables(seeder):
    """prod's orders table is on-demand, its inventory table provisioned with
    auto scaling, both protected, behind an encrypted DAX cluster; dev's
    sandbox table is provisioned without auto scaling (its index neither),
    recovery or deletion protection, behind an unencrypted DAX cluster."""
    prod, dev = IDS["prod"], IDS["dev"]
    table(seeder, prod, "eu-west-1", "orders", DeletionProtectionEnabled=True)
    table(seeder, prod, "eu-west-1", "inventory", provisioned=True, index=True, DeletionProtectionEnabled=True)
    scale(seeder, prod, "eu-west-1", "table/inventory")
    scale(seeder, prod, "eu-west-1", "table/inventory/index/by-owner", kind="index")
    dax_cluster(seeder, prod, "eu-west-1", "orders-cache")
    table(seeder, dev, "eu-west-1", "sandbox", provisioned=True, index=True, recovery=False)
    dax_cluster(seeder, dev, "eu-west-1", "sandbox-cache", encrypted=False)


FULL_LOGGING = {"EnableLogging": True, "LogComponents": [
    {"Id": c, "Severity": "LOGGER_SEVERITY_DEFAULT"}
    for c in ("SOURCE_CAPTURE", "SOURCE_UNLOAD", "TARGET_APPLY", "TARGET_LOAD")]}


def migration(seeder, account_id, region, name, public=False, upgrades=True, ssl_mode="verify-full",
              logging=FULL_LOGGING):
    """A DMS replication instance with a MySQL source endpoint (``ssl_mode``),
    an S3 target and a task between them logging as ``logging`` says.
    Returns the ARNs of the instance, the source endpoint and the task."""
    dms = seeder.client("dms", account_id, region)
    instance = dms.create_replication_instance(
        ReplicationInstanceIdentifier=name, ReplicationInstanceClass="dms.t3.medium", PubliclyAccessible=public,
        AutoMinorVersionUpgrade=upgrades)["ReplicationInstance"]["ReplicationInstanceArn"]
    source = dms.create_endpoint(EndpointIdentifier=f"{name}-source", EndpointType="source", EngineName="mysql",
                                 ServerName="db.internal", Port=3306, Username="dms", Password="demo-password",
                                 SslMode=ssl_mode)["Endpoint"]["EndpointArn"]
    target = dms.create_endpoint(EndpointIdentifier=f"{name}-target", EndpointType="target", EngineName="s3",
                                 S3Settings={"BucketName": f"{name}-landing"})["Endpoint"]["EndpointArn"]
    task = dms.create_replication_task(
        ReplicationTaskIdentifier=name, SourceEndpointArn=source, TargetEndpointArn=target,
        ReplicationInstanceArn=instance, MigrationType="full-load-and-cdc", TableMappings=json.dumps({"rules": []}),
        ReplicationTaskSettings=json.dumps({"Logging": logging}))["ReplicationTask"]["ReplicationTaskArn"]
    return instance, source, task


def emr_cluster(seeder, account_id, region, name, private=True):
    """A running EMR cluster; its primary node is in a private subnet when ``private``, else public."""
    instances = {"InstanceGroups": [{"Name": "primary", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge",
                                     "InstanceCount": 1}], "KeepJobFlowAliveWhenNoSteps": True}
    if private:
        instances["Ec2SubnetId"] = private_subnet(seeder, account_id, region)[0]
    cluster = seeder.client("emr", account_id, region).run_job_flow(
        Name=name, ReleaseLabel="emr-7.2.0", Instances=instances, JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole")
    return cluster["ClusterArn"]


def kafka_cluster(seeder, account_id, region, name, in_cluster=True, client_broker="TLS", monitoring="PER_BROKER"):
    """A provisioned MSK cluster of three brokers."""
    subnets = [private_subnet(seeder, account_id, region)[0] for _ in range(3)]
    return seeder.client("kafka", account_id, region).create_cluster(
        ClusterName=name, KafkaVersion="3.6.0", NumberOfBrokerNodes=3,
        BrokerNodeGroupInfo={"InstanceType": "kafka.m5.large", "ClientSubnets": subnets},
        EncryptionInfo={"EncryptionInTransit": {"InCluster": in_cluster, "ClientBroker": client_broker}},
        EnhancedMonitoring=monitoring)["ClusterArn"]


def stream(seeder, account_id, region, name, encrypted=True):
    """A Kinesis data stream, encrypted with Kinesis's AWS managed key when ``encrypted``."""
    kinesis = seeder.client("kinesis", account_id, region)
    kinesis.create_stream(StreamName=name, ShardCount=1)
    if encrypted:
        kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
    return kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]


def encrypt_query_results(seeder, account_id, region, workgroup="primary"):
    """Encrypt a workgroup's query results with S3 managed keys, enforced on its clients."""
    seeder.client("athena", account_id, region).update_work_group(WorkGroup=workgroup, ConfigurationUpdates={
        "EnforceWorkGroupConfiguration": True,
        "ResultConfigurationUpdates": {"EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}}})


def seed_analytics(seeder):
    """prod migrates its orders privately with SSL and full logs, runs EMR in
    a private subnet and MSK with TLS and per-broker metrics, and encrypts its
    click stream; dev's migration is public, SSL-less and silent, its EMR
    primary node public with block public access off, its MSK cluster plain
    text at the DEFAULT monitoring level, and its stream unencrypted. Every
    Athena primary workgroup encrypts its query results, but dev's in eu-west-1."""
    prod, dev = IDS["prod"], IDS["dev"]
    migration(seeder, prod, "eu-west-1", "orders-migration")
    migration(seeder, dev, "eu-west-1", "sandbox-migration", public=True, upgrades=False, ssl_mode="none",
              logging={"EnableLogging": False})
    emr_cluster(seeder, prod, "eu-west-1", "reports")
    emr_cluster(seeder, dev, "eu-west-1", "adhoc", private=False)
    seeder.client("emr", dev, "eu-west-1").put_block_public_access_configuration(
        BlockPublicAccessConfiguration={"BlockPublicSecurityGroupRules": False})
    kafka_cluster(seeder, prod, "eu-west-1", "events")
    kafka_cluster(seeder, dev, "eu-west-1", "events-test", in_cluster=False, client_broker="TLS_PLAINTEXT",
                  monitoring="DEFAULT")
    stream(seeder, prod, "eu-west-1", "clicks")
    stream(seeder, dev, "eu-west-1", "clicks-test", encrypted=False)
    for account_id in sorted(IDS.values()):
        for region in DEMO_REGIONS:
            if (account_id, region) != (dev, "eu-west-1"):
                encrypt_query_results(seeder, account_id, region)


def seed_data(seeder):
    """Every data service's demo resources."""
    seed_search_domains(seeder)
    seed_caches(seeder)
    seed_tables(seeder)
    seed_analytics(seeder)
