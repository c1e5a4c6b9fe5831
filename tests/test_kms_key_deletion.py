"""The KMS key deletion control, proven both ways against moto."""

import pytest

from compliance.demo.organization import create_key
from tests.conftest import DEV, PROD, assert_unreadable, write_baseline
from tests.test_kms_key_rotation import _make_aws_managed

CONTROL = "controls/kms/test_kms_key_deletion.py"
REGIONS = ["us-east-1", "eu-west-1"]


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml", regions=REGIONS)


def test_keys_in_use_disabled_or_aws_managed_pass(seeder, audit_roles, baseline, run_suite):
    create_key(seeder, PROD, "us-east-1", "orders", rotation_days=365)
    seeder.client("kms", PROD, "us-east-1").disable_key(KeyId=create_key(seeder, PROD, "us-east-1", "retired"))
    aws_managed = create_key(seeder, PROD, "eu-west-1", "aws-managed")
    seeder.client("kms", PROD, "eu-west-1").schedule_key_deletion(KeyId=aws_managed, PendingWindowInDays=7)
    _make_aws_managed(PROD, "eu-west-1", aws_managed)

    suite = run_suite(CONTROL, baseline=baseline)

    assert suite.returncode == 0, suite.output
    assert set(suite.outcomes().values()) == {"passed"}


def test_a_key_scheduled_for_deletion_fails_with_its_date(seeder, audit_roles, baseline, run_suite):
    leaving = create_key(seeder, DEV, "eu-west-1", "exports")
    deletion = seeder.client("kms", DEV, "eu-west-1").schedule_key_deletion(KeyId=leaving, PendingWindowInDays=7)

    suite = run_suite(CONTROL, baseline=baseline)

    result = suite.result(f"dev-{DEV}-eu-west-1")
    assert result["outcome"] == "failed"
    arn = f"arn:aws:kms:eu-west-1:{DEV}:key/{leaving}"
    assert result["offending_resources"] == [arn]
    assert result["findings"][0]["problem"] == (
        f"PendingDeletion: the key material is deleted on {deletion['DeletionDate']}")
    assert result["evidence"]["keys_pending_deletion"][0]["Aliases"] == [f"arn:aws:kms:eu-west-1:{DEV}:alias/exports"]
    assert suite.result(f"dev-{DEV}-us-east-1")["outcome"] == "passed"


@pytest.mark.parametrize("operation", ["ListKeys", "ListAliases", "DescribeKey"])
def test_unreadable_api_errors(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    create_key(seeder, PROD, "eu-west-1", "orders", rotation_days=365)
    local_aws.inject("AccessDeniedException", "not authorized", service="kms", operation=operation,
                     account=PROD, region="eu-west-1")

    suite = run_suite(CONTROL, baseline=baseline)

    assert_unreadable(suite.by_control(f"prod-{PROD}-eu-west-1"), {"kms-key-deletion-pending"},
                      f"kms:{operation} in account {PROD} region eu-west-1: AccessDeniedException")
