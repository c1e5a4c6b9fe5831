"""The archive MFA Delete control, proven both ways against moto."""

import pytest

from compliance.demo.organization import create_bucket, create_organization_trail
from tests.conftest import LOG_ARCHIVE, PROD, organization_baseline

CONTROL = "controls/s3/test_s3_archive_mfa_delete.py::test_s3_archive_mfa_delete"
SELECTORS = {"names": ["named-store"], "patterns": ["*-archive"], "tags": {"retention": "archive"}}


@pytest.fixture
def baseline(tmp_path):
    return organization_baseline(tmp_path / "b.yaml", regions=["us-east-1"],
                                 controls={"s3-archive-mfa-delete": {"archive_buckets": SELECTORS}})


def archive(seeder, name, account=PROD, **settings):
    return create_bucket(seeder, account, name, **{"versioning": "Enabled", "mfa_delete": "Enabled", **settings})


def test_every_kind_of_archive_bucket_is_found_and_passes(seeder, organization, baseline, run_suite):
    archive(seeder, "named-store")
    archive(seeder, "backups-archive", region="eu-west-1")
    archive(seeder, "tagged-store", tags={"retention": "archive"})
    create_bucket(seeder, PROD, "scratch")  # not an archive: never judged
    archive(seeder, "trail-bucket", account=LOG_ARCHIVE)
    create_organization_trail(seeder, "org-trail", "trail-bucket")

    suite = run_suite(CONTROL, baseline=baseline)

    assert suite.returncode == 0, suite.output
    prod = suite.result(f"prod-{PROD}")["evidence"]["archive_buckets"]
    assert {b["Bucket"]: b["ArchiveBecause"] for b in prod} == {
        "named-store": ["named in the baseline"],
        "backups-archive": ["matches '*-archive'"],
        "tagged-store": ["tagged retention=archive"],
    }
    trail = suite.result(f"log-archive-{LOG_ARCHIVE}")["evidence"]["archive_buckets"]
    assert [(b["Bucket"], b["ArchiveBecause"]) for b in trail] == [("trail-bucket", ["CloudTrail delivers to it"])]


def test_each_violation_fails_naming_the_bucket(seeder, organization, baseline, run_suite):
    archive(seeder, "named-store", mfa_delete=None)
    archive(seeder, "suspended-archive", versioning="Suspended", mfa_delete=None)
    create_bucket(seeder, PROD, "tagged-store", tags={"retention": "archive"})
    archive(seeder, "expiring-archive").put_bucket_lifecycle_configuration(
        Bucket="expiring-archive", LifecycleConfiguration={"Rules": [{
            "ID": "trim", "Status": "Enabled", "Filter": {"Prefix": ""},
            "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]})
    create_bucket(seeder, LOG_ARCHIVE, "trail-bucket", versioning="Enabled")
    create_organization_trail(seeder, "org-trail", "trail-bucket")

    suite = run_suite(CONTROL, baseline=baseline)

    found = {(f["resource"], f["problem"]) for f in suite.result(f"prod-{PROD}")["findings"]}
    assert found == {
        ("arn:aws:s3:::named-store", "MFA Delete is not enabled"),
        ("arn:aws:s3:::suspended-archive", "versioning is Suspended"),
        ("arn:aws:s3:::suspended-archive", "MFA Delete is not enabled"),
        ("arn:aws:s3:::tagged-store", "versioning is never enabled"),
        ("arn:aws:s3:::tagged-store", "MFA Delete is not enabled"),
        ("arn:aws:s3:::expiring-archive",
         "lifecycle rule trim expires noncurrent versions, which conflicts with MFA Delete"),
    }
    assert suite.result(f"log-archive-{LOG_ARCHIVE}")["offending_resources"] == ["arn:aws:s3:::trail-bucket"]


@pytest.mark.parametrize("operation", ["ListBuckets", "GetBucketVersioning", "GetBucketLifecycleConfiguration",
                                       "GetBucketTagging"])
def test_unreadable_bucket_settings_error(operation, seeder, organization, baseline, run_suite, local_aws):
    archive(seeder, "named-store")
    create_bucket(seeder, PROD, "scratch")
    local_aws.inject("AccessDenied", "denied", service="s3", operation=operation, account=PROD, status=403)
    result = run_suite(CONTROL, baseline=baseline).result(f"prod-{PROD}")
    assert result["outcome"] == "error"
    assert f"could not read s3:{operation} in account {PROD}" in result["message"]
    assert "AccessDenied" in result["message"]
