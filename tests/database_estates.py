"""Helpers of the database controls' tests (tests/test_databases_*.py)."""

from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

ZONES = (f"{REGION}a", f"{REGION}b")
OTHER_REGION = "us-east-1"


def named_findings(result):
    """[(the last part of each finding's ARN, its problem)]."""
    return [(f["resource"].rsplit(":", 1)[1], f["problem"]) for f in result["findings"]]


def cluster_faults(cluster_controls, snapshot_controls):
    """Faults for ``run_with_faults`` in each read of a family's clusters and manual snapshots."""
    return {(PROD, REGION): ("DescribeDBClusters", cluster_controls),
            (PROD, OTHER_REGION): ("DescribeDBClusterSnapshots", snapshot_controls),
            (DEV, REGION): ("DescribeDBClusterSnapshotAttributes", snapshot_controls),
            (DEV, OTHER_REGION): ("DescribeDBSnapshots", snapshot_controls)}


def run_with_faults(controls, faults, tmp_path, run_suite, local_aws, service="rds"):
    """Run ``controls`` (a path or a tuple of paths) in prod and dev, in
    REGION and OTHER_REGION, with each of ``faults`` ({(account, region):
    (operation of ``service``, controls that must error)}) injected; assert
    each target errors exactly as ``faults`` says."""
    for (account, region), (operation, _) in faults.items():
        local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=account,
                         region=region)
    baseline = write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION])
    suite = run_suite(*([controls] if isinstance(controls, str) else controls), baseline=baseline)
    for (account, region), (operation, errored) in faults.items():
        label = f"{'prod' if account == PROD else 'dev'}-{account}-{region}"
        assert_unreadable(suite.by_control(label), errored, f"{service}:{operation}")
    return suite


