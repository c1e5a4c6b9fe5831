"""The DocumentDB controls, proven against moto: one estate where prod
complies (beside non-compliant Neptune and Aurora clusters, which are not
DocumentDB's to judge) and dev breaks each rule, and one where each read fails."""

from compliance.demo.seed_databases import PROTECTED, cluster_snapshot, create_cluster
from tests.conftest import DEV, PROD, REGION
from tests.database_estates import ZONES, cluster_faults, named_findings, run_with_faults

CONTROL = "controls/documentdb"
COMPLIANT = {**PROTECTED, "EnableCloudwatchLogsExports": ["audit"]}
CLUSTER_CONTROLS = {"documentdb-encrypted", "documentdb-backups", "documentdb-audit-logs",
                    "documentdb-deletion-protection"}
SNAPSHOT_CONTROLS = {"documentdb-snapshots-not-public"}


def test_compliant_clusters_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    create_cluster(seeder, PROD, REGION, "documents", "docdb", **COMPLIANT)
    cluster_snapshot(seeder, PROD, REGION, "documents", DEV)
    create_cluster(seeder, PROD, REGION, "graph", "neptune", ZONES[:1])  # not DocumentDB's to judge
    create_cluster(seeder, PROD, REGION, "reports", "aurora-mysql")
    cluster_snapshot(seeder, PROD, REGION, "graph", "all")
    create_cluster(seeder, DEV, REGION, "plain", "docdb", BackupRetentionPeriod=1)
    cluster_snapshot(seeder, DEV, REGION, "plain", "all")
    create_cluster(seeder, DEV, REGION, "unbacked", "docdb", **COMPLIANT | {"BackupRetentionPeriod": 0})
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(CLUSTER_CONTROLS | SNAPSHOT_CONTROLS, "passed")
    dev = {c: named_findings(r) for c, r in suite.by_control(f"dev-{DEV}-{REGION}").items()}
    assert dev == {
        "documentdb-encrypted": [("plain", "storage is not encrypted")],
        "documentdb-backups": [("plain", "automated backups are kept 1 day(s), fewer than 7"),
                               ("unbacked", "automated backups are off (retention period 0)")],
        "documentdb-snapshots-not-public": [("plain-snapshot", "any AWS account may restore the snapshot (restore "
                                                               "attribute: all)")],
        "documentdb-audit-logs": [("plain", "does not publish its audit log(s) to CloudWatch Logs")],
        "documentdb-deletion-protection": [("plain", "deletion protection is off")],
    }
    fixes = suite.by_control(f"dev-{DEV}-{REGION}")["documentdb-snapshots-not-public"]["findings"]
    assert fixes[0]["fix"] == ("aws docdb modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier "
                               "plain-snapshot --attribute-name restore --values-to-remove all")


def test_unreadable_reads_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    create_cluster(seeder, DEV, REGION, "documents", "docdb", **COMPLIANT)
    cluster_snapshot(seeder, DEV, REGION, "documents")
    run_with_faults(CONTROL, cluster_faults(CLUSTER_CONTROLS, SNAPSHOT_CONTROLS), tmp_path, run_suite, local_aws)
