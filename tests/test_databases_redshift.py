"""The Redshift controls, proven against moto: one estate where prod complies
and dev breaks each rule, and one where each read fails."""

from compliance.demo.seed_databases import COMPLIANT_WAREHOUSE, warehouse
from tests.conftest import DEV, PROD, REGION
from tests.database_estates import OTHER_REGION, named_findings, run_with_faults

CONTROL = "controls/redshift"
CLUSTER_CONTROLS = {"redshift-not-public", "redshift-encrypted", "redshift-automated-snapshots",
                    "redshift-version-upgrades", "redshift-enhanced-vpc-routing", "redshift-no-default-names"}
EVERY = CLUSTER_CONTROLS | {"redshift-audit-logging", "redshift-encrypted-in-transit"}


def test_compliant_clusters_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    warehouse(seeder, PROD, REGION, "warehouse", **COMPLIANT_WAREHOUSE)
    warehouse(seeder, DEV, REGION, "plain", PubliclyAccessible=True, AllowVersionUpgrade=False)
    warehouse(seeder, DEV, REGION, "half", **COMPLIANT_WAREHOUSE | {"require_ssl": "false", "DBName": "dev"})
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(EVERY, "passed"), suite.output
    dev = {c: named_findings(r) for c, r in suite.by_control(f"dev-{DEV}-{REGION}").items()}
    assert dev == {
        "redshift-not-public": [("plain", "the cluster is publicly accessible")],
        "redshift-encrypted": [("plain", "the cluster is not encrypted at rest")],
        "redshift-automated-snapshots": [("plain", "automated snapshots are kept 1 day(s), fewer than 7")],
        "redshift-version-upgrades": [("plain", "major version upgrades are not applied automatically")],
        "redshift-enhanced-vpc-routing": [("plain", "COPY and UNLOAD traffic bypasses the VPC (enhanced VPC routing "
                                                    "is off)")],
        "redshift-no-default-names": [
            ("half", "the database is called 'dev' (default names)"),
            ("plain", "the administrator is called 'awsuser'; the database is called 'dev' (default names)")],
        "redshift-audit-logging": [("plain", "audit logging is off")],
        "redshift-encrypted-in-transit": [
            ("half", "connections may be unencrypted: parameter group half-parameters (require_ssl: false)"),
            ("plain", "connections may be unencrypted: parameter group default.redshift-1.0 (require_ssl: false)")],
    }


def test_unreadable_reads_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    warehouse(seeder, DEV, REGION, "warehouse", **COMPLIANT_WAREHOUSE)
    warehouse(seeder, DEV, OTHER_REGION, "warehouse", **COMPLIANT_WAREHOUSE)
    run_with_faults(CONTROL, {
        (PROD, REGION): ("DescribeClusters", EVERY),
        (DEV, REGION): ("DescribeLoggingStatus", {"redshift-audit-logging"}),
        (DEV, OTHER_REGION): ("DescribeClusterParameters", {"redshift-encrypted-in-transit"})},
        tmp_path, run_suite, local_aws, service="redshift")
