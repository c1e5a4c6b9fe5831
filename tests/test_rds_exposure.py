"""RDS exposure and encryption controls, proven against moto."""

import pytest

from compliance.demo.organization import create_database, share_snapshot
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/rds/test_rds_exposure.py"



def test_private_encrypted_databases_and_named_shares_pass(seeder, audit_roles, regional_baseline, run_suite):
    create_database(seeder, PROD, REGION, "orders", "rds-ca-rsa2048-g1")
    share_snapshot(seeder, PROD, REGION, "orders", DEV)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {r["outcome"] for r in results.values()} == {"passed"}, suite.output
    snapshots = results["rds-not-public"]["evidence"]["snapshots"]
    assert [s["RestorableBy"] for s in snapshots] == [[DEV]]


def test_public_instances_public_snapshots_and_plain_storage_fail(seeder, audit_roles, regional_baseline, run_suite):
    create_database(seeder, DEV, REGION, "exposed", "rds-ca-rsa2048-g1", PubliclyAccessible=True)
    create_database(seeder, DEV, REGION, "plain", "rds-ca-rsa2048-g1", StorageEncrypted=False)
    share_snapshot(seeder, DEV, REGION, "plain", "all")
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    exposure = [(f["resource"].rsplit(":", 1)[1], f["problem"]) for f in results["rds-not-public"]["findings"]]
    assert exposure == [("exposed", "the instance is publicly accessible"),
                        ("plain-snapshot", "any AWS account may restore the snapshot (restore attribute: all)")]
    encryption = [f["resource"].rsplit(":", 1)[1] for f in results["rds-storage-encrypted"]["findings"]]
    assert encryption == ["plain"]
    snapshots = [(f["resource"].rsplit(":", 1)[1], f["problem"]) for f in results["rds-snapshots-encrypted"]["findings"]]
    assert snapshots == [("plain-snapshot", "the snapshot is not encrypted")]


@pytest.mark.parametrize("operation, errored", [
    ("DescribeDBInstances", {"rds-not-public", "rds-storage-encrypted"}),
    ("DescribeDBSnapshotAttributes", {"rds-not-public", "rds-snapshots-encrypted"})])
def test_unreadable_api_errors(operation, errored, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    create_database(seeder, PROD, REGION, "orders", "rds-ca-rsa2048-g1")
    share_snapshot(seeder, PROD, REGION, "orders", DEV)
    local_aws.inject("AccessDenied", "not authorized", service="rds", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c for c, r in results.items() if r["outcome"] == "error"} == errored
    assert all(f"could not read rds:{operation}" in results[c]["message"] for c in errored)
