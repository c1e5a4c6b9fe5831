"""The archive replication control, proven against moto."""

import pytest

from compliance.demo.organization import create_bucket, create_organization_trail
from compliance.demo.seed_storage import replicate
from tests.conftest import DEV, LOG_ARCHIVE, organization_baseline

CONTROL = "controls/cloudtrail/test_cloudtrail_archive_replication.py"


@pytest.fixture
def baseline(tmp_path):
    return organization_baseline(tmp_path / "baseline.yaml", regions=["us-east-1"])


def archive(seeder, name, replica=None, **rule):
    """An organization trail's Object-Locked bucket in the log-archive account, replicating to ``replica``."""
    s3 = create_bucket(seeder, LOG_ARCHIVE, name, object_lock=True)
    if replica:
        replicate(s3, LOG_ARCHIVE, name, f"arn:aws:s3:::{replica}", **rule)
    create_organization_trail(seeder, name, name)


def findings(suite):
    return sorted((f["resource"].removeprefix("arn:aws:s3:::"), f["problem"]) for f in suite.only()["findings"])


def test_a_locked_copy_elsewhere_passes(seeder, organization, baseline, run_suite):
    create_bucket(seeder, DEV, "org-archive-copy", "eu-west-1", object_lock=True)
    archive(seeder, "org-archive", "org-archive-copy")
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.only()["outcome"] == "passed", suite.output
    (bucket,) = suite.only()["evidence"]["archive_buckets"]
    assert bucket["Destinations"]["org-archive-copy"]["Account"] == DEV


def test_each_way_the_copy_falls_short_fails(seeder, organization, baseline, run_suite):
    create_bucket(seeder, LOG_ARCHIVE, "weak-copy", versioning="Enabled")
    archive(seeder, "weak-archive", "weak-copy", Filter=None, DeleteMarkerReplication=None, Prefix="AWSLogs/")
    archive(seeder, "lonely-archive")
    archive(seeder, "lost-archive", "nowhere-copy")
    suite = run_suite(CONTROL, baseline=baseline)
    assert findings(suite) == sorted([
        ("lonely-archive", "the archive does not replicate"),
        ("lost-archive", "its replica bucket nowhere-copy is not judged: no account in the run's scope owns the bucket"),
        ("weak-archive", "replication rule elsewhere copies only part of the archive (filter AWSLogs/)"),
        ("weak-archive", "replication rule elsewhere replicates delete markers, so deleting from the archive deletes "
                         "from the copy"),
        ("weak-archive", "its replica bucket weak-copy does not have Object Lock enabled"),
        ("weak-archive", f"its replica bucket weak-copy is in the same account ({LOG_ARCHIVE})"),
        ("weak-archive", "its replica bucket weak-copy is in the same region (us-east-1)"),
    ])


def test_another_account_is_enough_when_the_baseline_says_so(seeder, organization, tmp_path, run_suite):
    create_bucket(seeder, DEV, "org-archive-copy", object_lock=True)
    archive(seeder, "org-archive", "org-archive-copy")
    baseline = organization_baseline(tmp_path / "b.yaml", regions=["us-east-1"], controls={
        "cloudtrail-archive-replication": {"replicate_to": "account"}})
    assert run_suite(CONTROL, baseline=baseline).only()["outcome"] == "passed"


@pytest.mark.parametrize("operation, account", [("GetBucketReplication", LOG_ARCHIVE),
                                                ("GetObjectLockConfiguration", DEV)])
def test_unreadable_settings_error(operation, account, seeder, organization, baseline, run_suite, local_aws):
    create_bucket(seeder, DEV, "org-archive-copy", "eu-west-1", object_lock=True)
    archive(seeder, "org-archive", "org-archive-copy")
    local_aws.inject("AccessDenied", "not authorized", service="s3", operation=operation, account=account)
    result = run_suite(CONTROL, baseline=baseline).only()
    assert result["outcome"] == "error" and f"could not read s3:{operation} in account {account}" in result["message"]
