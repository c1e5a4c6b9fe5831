"""RDS minor version upgrade and Multi-AZ controls, proven against moto."""

import pytest

from compliance.demo.organization import create_database
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/rds/test_rds_operations.py"
CA = "rds-ca-rsa2048-g1"



def cluster(seeder, account, name, zones):
    """An Aurora cluster with one instance in each of ``zones``."""
    seeder.client("rds", account, REGION).create_db_cluster(
        DBClusterIdentifier=name, Engine="aurora-postgresql", MasterUsername="admin",
        MasterUserPassword="demo-password-1", StorageEncrypted=True)
    for number, zone in enumerate(zones):
        create_database(seeder, account, REGION, f"{name}-{number}", CA, "aurora-postgresql", name,
                        AvailabilityZone=zone)


def test_multi_az_databases_that_upgrade_pass(seeder, audit_roles, regional_baseline, run_suite):
    create_database(seeder, PROD, REGION, "orders", CA, MultiAZ=True)
    cluster(seeder, PROD, "ledger", [f"{REGION}a", f"{REGION}b"])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in results.items()} == {
        "rds-auto-minor-version-upgrade": "passed", "rds-multi-az": "passed"}, suite.output


def test_single_az_databases_and_pinned_versions_fail(seeder, audit_roles, regional_baseline, run_suite):
    create_database(seeder, DEV, REGION, "pinned", CA, MultiAZ=True, AutoMinorVersionUpgrade=False)
    create_database(seeder, DEV, REGION, "single", CA)
    cluster(seeder, DEV, "reports", [f"{REGION}a"])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    upgrade = [(f["resource"].rsplit(":", 1)[1], f["problem"]) for f in
               results["rds-auto-minor-version-upgrade"]["findings"]]
    assert [name for name, _ in upgrade] == ["pinned"]
    multi_az = [(f["resource"].split(":")[-2:], f["problem"]) for f in results["rds-multi-az"]["findings"]]
    assert multi_az == [(["cluster", "reports"], "the cluster's instances are all in one Availability Zone"),
                        (["db", "single"], f"the instance runs in one Availability Zone ({REGION}a)")]


@pytest.mark.parametrize("operation, errored", [
    ("DescribeDBInstances", {"rds-auto-minor-version-upgrade", "rds-multi-az"}),
    ("DescribeDBClusters", {"rds-auto-minor-version-upgrade", "rds-multi-az"})])
def test_unreadable_api_errors(operation, errored, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="rds", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c for c, r in results.items() if r["outcome"] == "error"} == errored
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{REGION}").values()} == {"passed"}
