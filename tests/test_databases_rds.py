"""The RDS and Aurora settings and event subscription controls, proven
against moto: one estate where prod complies (beside a Neptune cluster, not
RDS's to judge) and dev breaks each rule, and one where each read fails."""

from compliance.demo.organization import create_database
from compliance.demo.seed_databases import CRITICAL_EVENTS, PROTECTED, create_cluster, subscribe, tls_only_parameters
from tests.conftest import DEV, PROD, REGION, write_baseline
from tests.database_estates import OTHER_REGION, ZONES, named_findings, run_with_faults

CONTROLS = ("controls/rds/test_rds_settings.py", "controls/rds/test_rds_transport.py",
            "controls/rds/test_rds_event_subscriptions.py")
SETTINGS = {"rds-deletion-protection", "rds-automated-backups", "rds-copy-tags-to-snapshots", "rds-iam-authentication",
            "rds-logs-to-cloudwatch", "rds-enhanced-monitoring", "rds-aurora-backtracking", "rds-not-default-port",
            "rds-custom-admin-username", "rds-encrypted-in-transit"}
CA = "rds-ca-rsa2048-g1"
MYSQL_LOGS = ["audit", "error", "general", "slowquery"]


def monitored(account):
    return {"MonitoringInterval": 60, "MonitoringRoleArn": f"arn:aws:iam::{account}:role/rds-monitoring"}


def test_compliant_databases_pass_and_each_violation_fails(seeder, audit_roles, tmp_path, run_suite):
    create_cluster(seeder, PROD, REGION, "catalog", "aurora-mysql", ZONES, monitored(PROD), **PROTECTED,
                   CopyTagsToSnapshot=True, EnableIAMDatabaseAuthentication=True, EnableCloudwatchLogsExports=MYSQL_LOGS,
                   BacktrackWindow=86400, Port=3310, MasterUsername="catalog_owner")
    tls_only_parameters(seeder, PROD, REGION, "orders-tls", "postgres13")
    create_database(seeder, PROD, REGION, "orders", CA, MasterUsername="orders_owner", DeletionProtection=True,
                    DBParameterGroupName="orders-tls",
                    BackupRetentionPeriod=7, CopyTagsToSnapshot=True, EnableIAMDatabaseAuthentication=True,
                    EnableCloudwatchLogsExports=["postgresql", "upgrade"], Port=5433, **monitored(PROD))
    create_cluster(seeder, PROD, REGION, "graph", "neptune", ZONES[:1])  # not RDS's to judge
    subscribe(seeder, PROD, REGION, CRITICAL_EVENTS)
    create_cluster(seeder, DEV, REGION, "reports", "aurora-mysql", ZONES[:1], MasterUsername="admin",
                   BackupRetentionPeriod=1)
    create_database(seeder, DEV, REGION, "legacy", CA, "mysql", BackupRetentionPeriod=0,
                    EnableCloudwatchLogsExports=["error"])
    subscribe(seeder, DEV, REGION, {"db-instance": []}, enabled=False)
    subscribe(seeder, DEV, REGION, {"db-cluster": ["failure"]})
    seeder.client("rds", DEV, REGION).create_event_subscription(
        SubscriptionName="one-group", SourceType="db-parameter-group", SourceIds=["default.mysql8.0"],
        SnsTopicArn=f"arn:aws:sns:{REGION}:{DEV}:database-events", Enabled=True)
    suite = run_suite(*CONTROLS, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(SETTINGS | {"rds-event-subscriptions"},
                                                                       "passed"), suite.output
    dev = {c: named_findings(r) for c, r in suite.by_control(f"dev-{DEV}-{REGION}").items()}
    both = lambda problem: [("reports", problem), ("legacy", problem)]  # noqa: E731
    assert dev == {
        "rds-deletion-protection": both("deletion protection is off"),
        "rds-automated-backups": [("reports", "automated backups are kept 1 day(s), fewer than 7"),
                                  ("legacy", "automated backups are off (retention period 0)")],
        "rds-copy-tags-to-snapshots": both("tags are not copied to snapshots"),
        "rds-iam-authentication": both("IAM database authentication is off"),
        "rds-logs-to-cloudwatch": [
            ("reports", "does not publish its audit, error, general, slowquery log(s) to CloudWatch Logs"),
            ("legacy", "does not publish its audit, general, slowquery log(s) to CloudWatch Logs")],
        "rds-enhanced-monitoring": [("legacy", "enhanced monitoring is off"),
                                    ("reports-0", "enhanced monitoring is off")],
        "rds-aurora-backtracking": [("reports", "backtracking is off")],
        "rds-not-default-port": [("reports", "it listens on aurora-mysql's default port 3306"),
                                 ("legacy", "it listens on mysql's default port 3306")],
        "rds-custom-admin-username": both("the administrator is called 'admin', a default name"),
        "rds-encrypted-in-transit": [("legacy", "connections may be unencrypted: parameter group default.mysql5.6 "
                                                "(require_secure_transport: 0)")],
        "rds-event-subscriptions": [
            ("*", "no enabled subscription sends maintenance events of every db-cluster"),
            ("*", "no enabled subscription sends maintenance, configuration change, failure events of every "
                  "db-instance"),
            ("*", "no enabled subscription sends configuration change events of every db-parameter-group"),
            ("*", "no enabled subscription sends configuration change, failure events of every db-security-group")],
    }
    unused = suite.by_control(f"dev-{DEV}-{OTHER_REGION}")["rds-event-subscriptions"]
    assert unused["outcome"] == "passed"
    assert unused["evidence"]["subscriptions"] == "not judged: the region holds no DB cluster or instance"
    backups = suite.by_control(f"dev-{DEV}-{REGION}")["rds-automated-backups"]["findings"]
    assert [f["fix"] for f in backups] == [
        "aws rds modify-db-cluster --db-cluster-identifier reports --backup-retention-period 7 --apply-immediately",
        "aws rds modify-db-instance --db-instance-identifier legacy --backup-retention-period 7 --apply-immediately"]


def test_unreadable_reads_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    create_database(seeder, DEV, REGION, "orders", CA)
    create_database(seeder, DEV, OTHER_REGION, "orders", CA)
    every = SETTINGS | {"rds-event-subscriptions"}  # which reads the databases first: none, no subscriptions to judge
    run_with_faults(CONTROLS, {
        (PROD, REGION): ("DescribeDBClusters", every),
        (PROD, OTHER_REGION): ("DescribeDBInstances", every),
        (DEV, REGION): ("DescribeEventSubscriptions", {"rds-event-subscriptions"}),
        (DEV, OTHER_REGION): ("DescribeDBParameters", {"rds-encrypted-in-transit"})}, tmp_path, run_suite, local_aws)
