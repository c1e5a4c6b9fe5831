"""The DMS, EMR, MSK, Kinesis and Athena controls, proven against moto: a
private, logged, SSL-only migration, a private EMR cluster, an encrypted,
monitored MSK cluster, an encrypted stream and encrypted query results pass;
each kind of violation fails; each unreadable read errors."""

from compliance.demo.seed_data import emr_cluster, encrypt_query_results, kafka_cluster, migration, stream
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline
from tests.data_services import dev_failures, findings

CONTROLS = "controls/analytics"
SIGNING_NAMES = {"emr": "elasticmapreduce"}  # what the fault injector knows a request's service by


def test_compliant_services_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    migration(seeder, PROD, REGION, "orders")
    emr_cluster(seeder, PROD, REGION, "reports")
    kafka_cluster(seeder, PROD, REGION, "events")
    stream(seeder, PROD, REGION, "clicks")
    encrypt_query_results(seeder, PROD, REGION)
    instance, source, task = migration(seeder, DEV, REGION, "sandbox", public=True, upgrades=False, ssl_mode="none",
                                       logging={"EnableLogging": False})
    *_, quiet = migration(seeder, DEV, REGION, "quiet", logging={"EnableLogging": True, "LogComponents": [
        {"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_DEFAULT"},
        {"Id": "TARGET_APPLY", "Severity": "LOGGER_SEVERITY_ERROR"}]})
    adhoc = emr_cluster(seeder, DEV, REGION, "adhoc", private=False)
    seeder.client("emr", DEV, REGION).put_block_public_access_configuration(
        BlockPublicAccessConfiguration={"BlockPublicSecurityGroupRules": False})
    plain = kafka_cluster(seeder, DEV, REGION, "events-test", in_cluster=False, client_broker="TLS_PLAINTEXT",
                          monitoring="DEFAULT")
    clicks = stream(seeder, DEV, REGION, "clicks-test", encrypted=False)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    dev = dev_failures(suite, 10)
    assert findings(dev["dms-replication-instance-not-public"]) == [
        (instance, "the replication instance is publicly accessible")]
    assert findings(dev["dms-auto-minor-version-upgrade"]) == [(instance, "automatic minor version upgrades are off")]
    assert findings(dev["dms-task-logging"]) == [
        (quiet, "logged below LOGGER_SEVERITY_DEFAULT: SOURCE_UNLOAD (not set), TARGET_APPLY "
                "(LOGGER_SEVERITY_ERROR), TARGET_LOAD (not set)"),
        (task, "logging is off")]
    assert findings(dev["dms-endpoint-ssl"]) == [
        (source, "the SSL mode is none, not require or verify-ca or verify-full")]
    ssl = dev["dms-endpoint-ssl"]["evidence"]
    assert len(ssl["https_endpoints"]) == 2 and len(ssl["endpoints"]) == 2  # the S3 targets are not judged
    [(resource, problem)] = findings(dev["emr-primary-node-no-public-ip"])
    assert resource == adhoc and problem.startswith("primary nodes with a public IP address: i-")
    assert findings(dev["emr-block-public-access"]) == [
        (f"arn:aws:elasticmapreduce:{REGION}:{DEV}:block-public-access",
         "EMR block public access is off: clusters may launch with security groups open to the internet")]
    assert findings(dev["msk-encrypted-in-transit"]) == [
        (plain, "brokers replicate to each other in plain text; clients may connect without TLS (TLS_PLAINTEXT)")]
    assert findings(dev["msk-enhanced-monitoring"]) == [
        (plain, "enhanced monitoring is DEFAULT, not PER_BROKER or PER_TOPIC_PER_BROKER or PER_TOPIC_PER_PARTITION")]
    assert findings(dev["kinesis-stream-encrypted"]) == [(clicks, "the stream's encryption is NONE, not KMS")]
    assert findings(dev["athena-workgroup-encrypted"]) == [
        (f"arn:aws:athena:{REGION}:{DEV}:workgroup/primary", "query results are not encrypted by the workgroup")]


def test_each_unreadable_read_errors(seeder, audit_roles, tmp_path, run_suite, local_aws):
    other = "us-east-1"
    for account in (PROD, DEV):
        for region in (REGION, other):
            migration(seeder, account, region, "orders")
            emr_cluster(seeder, account, region, "reports")
            stream(seeder, account, region, "clicks")
    faults = {
        (PROD, REGION): [("dms", "DescribeReplicationInstances"), ("emr", "ListClusters"),
                         ("kinesis", "ListStreams"), ("athena", "ListWorkGroups")],
        (PROD, other): [("dms", "DescribeReplicationTasks"), ("emr", "DescribeCluster"),
                        ("kinesis", "DescribeStreamSummary"), ("athena", "GetWorkGroup")],
        (DEV, REGION): [("dms", "DescribeEndpoints"), ("emr", "ListInstances"), ("kafka", "ListClustersV2")],
        (DEV, other): [("emr", "GetBlockPublicAccessConfiguration")],
    }
    for (account, region), reads in faults.items():
        for service, operation in reads:
            local_aws.inject("AccessDeniedException", "not authorized", service=SIGNING_NAMES.get(service, service),
                             operation=operation, account=account, region=region)
    suite = run_suite(CONTROLS, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, other]))
    expected = {
        "dms:DescribeReplicationInstances": (PROD, REGION, ["dms-replication-instance-not-public",
                                                            "dms-auto-minor-version-upgrade", "dms-task-logging"]),
        "emr:ListClusters": (PROD, REGION, ["emr-primary-node-no-public-ip"]),
        "kinesis:ListStreams": (PROD, REGION, ["kinesis-stream-encrypted"]),
        "athena:ListWorkGroups": (PROD, REGION, ["athena-workgroup-encrypted"]),
        "dms:DescribeReplicationTasks": (PROD, other, ["dms-task-logging"]),
        "emr:DescribeCluster": (PROD, other, ["emr-primary-node-no-public-ip"]),
        "kinesis:DescribeStreamSummary": (PROD, other, ["kinesis-stream-encrypted"]),
        "athena:GetWorkGroup": (PROD, other, ["athena-workgroup-encrypted"]),
        "dms:DescribeEndpoints": (DEV, REGION, ["dms-endpoint-ssl"]),
        "emr:ListInstances": (DEV, REGION, ["emr-primary-node-no-public-ip"]),
        "kafka:ListClustersV2": (DEV, REGION, ["msk-encrypted-in-transit", "msk-enhanced-monitoring"]),
        "emr:GetBlockPublicAccessConfiguration": (DEV, other, ["emr-block-public-access"]),
    }
    names = {PROD: "prod", DEV: "dev"}
    for read, (account, region, controls) in expected.items():
        results = suite.by_control(f"{names[account]}-{account}-{region}")
        assert_unreadable({c: results[c] for c in controls}, controls, read)
    errored = {(r["nodeid"].split("[", 1)[1].rstrip("]"), r["control_id"]) for r in suite.results["results"]
               if r["outcome"] == "error"}
    assert errored == {(f"{names[a]}-{a}-{r}", c) for a, r, controls in expected.values() for c in controls}


def test_moto_runs_emr_nodes_in_their_subnet_and_keeps_block_public_access_as_put(seeder):
    emr_cluster(seeder, PROD, REGION, "private")
    emr = seeder.client("emr", PROD, REGION)
    (cluster,) = emr.list_clusters()["Clusters"]
    (node,) = emr.list_instances(ClusterId=cluster["Id"], InstanceGroupTypes=["MASTER"])["Instances"]
    assert "PublicIpAddress" not in node
    assert emr.describe_cluster(ClusterId=cluster["Id"])["Cluster"]["MasterPublicDnsName"] == node["PrivateDnsName"]
    assert emr.get_block_public_access_configuration()["BlockPublicAccessConfiguration"][
        "BlockPublicSecurityGroupRules"] is True
    emr.put_block_public_access_configuration(BlockPublicAccessConfiguration={"BlockPublicSecurityGroupRules": False})
    assert emr.get_block_public_access_configuration()["BlockPublicAccessConfiguration"][
        "BlockPublicSecurityGroupRules"] is False
