"""The Neptune controls, proven against moto: one estate where prod complies
(beside non-compliant RDS and DocumentDB clusters, which are not Neptune's
to judge) and dev breaks each rule, and one where each read fails."""

from compliance.demo.seed_databases import PROTECTED, cluster_snapshot, create_cluster
from tests.conftest import DEV, PROD, REGION
from tests.database_estates import ZONES, cluster_faults, named_findings, run_with_faults

CONTROL = "controls/neptune"
COMPLIANT = {**PROTECTED, "CopyTagsToSnapshot": True, "EnableIAMDatabaseAuthentication": True,
             "EnableCloudwatchLogsExports": ["audit"]}
CLUSTER_CONTROLS = {"neptune-encrypted", "neptune-audit-logs", "neptune-deletion-protection", "neptune-backups",
                    "neptune-iam-authentication", "neptune-copy-tags-to-snapshots", "neptune-multi-az"}
SNAPSHOT_CONTROLS = {"neptune-snapshots-encrypted", "neptune-snapshots-not-public"}


def test_compliant_clusters_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    create_cluster(seeder, PROD, REGION, "graph", "neptune", ZONES, **COMPLIANT)
    cluster_snapshot(seeder, PROD, REGION, "graph", DEV)
    create_cluster(seeder, PROD, REGION, "documents", "docdb")  # not Neptune's to judge
    create_cluster(seeder, PROD, REGION, "reports", "aurora-mysql", MasterUsername="admin")
    cluster_snapshot(seeder, PROD, REGION, "documents", "all")
    create_cluster(seeder, DEV, REGION, "plain", "neptune", ZONES[:1], BackupRetentionPeriod=1)
    cluster_snapshot(seeder, DEV, REGION, "plain", "all")
    create_cluster(seeder, DEV, REGION, "unbacked", "neptune", ZONES, **COMPLIANT | {"BackupRetentionPeriod": 0})
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(CLUSTER_CONTROLS | SNAPSHOT_CONTROLS, "passed")
    assert [s["RestorableBy"] for s in prod["neptune-snapshots-not-public"]["evidence"]["snapshots"]] == [[DEV]]
    dev = {c: named_findings(r) for c, r in suite.by_control(f"dev-{DEV}-{REGION}").items()}
    assert dev == {
        "neptune-encrypted": [("plain", "storage is not encrypted")],
        "neptune-snapshots-encrypted": [("plain-snapshot", "the snapshot is not encrypted")],
        "neptune-snapshots-not-public": [("plain-snapshot", "any AWS account may restore the snapshot (restore "
                                                            "attribute: all)")],
        "neptune-audit-logs": [("plain", "does not publish its audit log(s) to CloudWatch Logs")],
        "neptune-deletion-protection": [("plain", "deletion protection is off")],
        "neptune-backups": [("plain", "automated backups are kept 1 day(s), fewer than 7"),
                            ("unbacked", "automated backups are off (retention period 0)")],
        "neptune-iam-authentication": [("plain", "IAM database authentication is off")],
        "neptune-copy-tags-to-snapshots": [("plain", "tags are not copied to snapshots")],
        "neptune-multi-az": [("plain", "the cluster's instances are all in one Availability Zone")],
    }
    fixes = suite.by_control(f"dev-{DEV}-{REGION}")["neptune-deletion-protection"]["findings"]
    assert fixes[0]["fix"] == ("aws neptune modify-db-cluster --db-cluster-identifier plain --deletion-protection "
                               "--apply-immediately")


def test_unreadable_reads_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    create_cluster(seeder, DEV, REGION, "graph", "neptune", **COMPLIANT)
    cluster_snapshot(seeder, DEV, REGION, "graph")
    run_with_faults(CONTROL, cluster_faults(CLUSTER_CONTROLS, SNAPSHOT_CONTROLS), tmp_path, run_suite, local_aws)
