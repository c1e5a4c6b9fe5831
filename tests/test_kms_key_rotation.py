"""The KMS key rotation control, proven both ways against moto."""

import pytest
from moto.kms.models import kms_backends

from compliance.demo.organization import create_key
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/kms/test_kms_key_rotation.py"


def _make_aws_managed(account, region, key_id):
    """AWS-managed keys cannot be created through the API; mark one as such."""
    kms_backends[account][region].keys[key_id].key_manager = "AWS"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(
        tmp_path / "baseline.yaml",
        regions=["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"],
        controls={"kms-key-rotation": {
            "rotation_period_days": 365,
            "manual_rotation": {
                f"arn:aws:kms:eu-central-1:{PROD}:alias/imported-recent": "2026-10-01",
                f"arn:aws:kms:ap-southeast-2:{DEV}:alias/imported-stale": "2024-01-01",
            },
        }},
    )


def test_compliant_estate_passes(seeder, audit_roles, baseline, run_suite):
    create_key(seeder, PROD, "us-east-1", "rotating", rotation_days=365)
    create_key(seeder, PROD, "eu-west-1", "rotating-fast", rotation_days=90)
    create_key(seeder, PROD, "eu-central-1", "imported-recent", Origin="EXTERNAL")
    _make_aws_managed(PROD, "us-east-1", create_key(seeder, PROD, "us-east-1", "aws-managed"))
    seeder.client("kms", PROD, "us-east-1").disable_key(KeyId=create_key(seeder, PROD, "us-east-1", "disabled"))
    seeder.client("kms", PROD, "eu-west-1").schedule_key_deletion(
        KeyId=create_key(seeder, PROD, "eu-west-1", "leaving"), PendingWindowInDays=7)
    create_key(seeder, PROD, "eu-west-1", "signing", KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")

    suite = run_suite(CONTROL, baseline=baseline)

    assert suite.returncode == 0, suite.output
    assert set(suite.outcomes().values()) == {"passed"}
    evidence = suite.result(f"prod-{PROD}-us-east-1")["evidence"]["keys"]
    not_judged = {key["Aliases"][0].rsplit("/", 1)[1]: key["NotJudged"] for key in evidence}
    assert not_judged["aws-managed"] == "AWS-managed key (rotated by AWS)"
    assert not_judged["disabled"] == "key state Disabled"
    assert not_judged["rotating"] is None
    leaving = suite.result(f"prod-{PROD}-eu-west-1")["evidence"]["keys"]
    assert any((key["NotJudged"] or "").startswith("pending deletion on ") for key in leaving)


def test_each_violation_fails_naming_the_key(seeder, audit_roles, baseline, run_suite):
    disabled_rotation = create_key(seeder, DEV, "us-east-1", "no-rotation")
    slow = create_key(seeder, DEV, "eu-west-1", "slow", rotation_days=730)
    unrecorded = create_key(seeder, DEV, "eu-central-1", "imported-unrecorded", Origin="EXTERNAL")
    stale = create_key(seeder, DEV, "ap-southeast-2", "imported-stale", Origin="EXTERNAL")

    suite = run_suite(CONTROL, baseline=baseline)

    assert suite.returncode == 1, suite.output
    expected = {
        "us-east-1": (disabled_rotation, "automatic rotation is disabled"),
        "eu-west-1": (slow, "rotates every 730 days, longer than the baseline's 365"),
        "eu-central-1": (unrecorded, "origin EXTERNAL cannot rotate automatically and no manual rotation is recorded"),
        "ap-southeast-2": (stale, "last rotated manually on 2024-01-01"),
    }
    for region, (key_id, problem) in expected.items():
        result = suite.result(f"dev-{DEV}-{region}")
        assert result["outcome"] == "failed"
        arn = f"arn:aws:kms:{region}:{DEV}:key/{key_id}"
        assert result["offending_resources"] == [arn]
        assert result["findings"][0]["problem"].startswith(problem)
        assert arn in result["message"] and "Fix:" in result["message"]
    assert all(outcome == "passed" for label, outcome in suite.outcomes().items() if label.startswith("prod"))


@pytest.mark.parametrize("operation", ["ListKeys", "ListAliases", "DescribeKey", "GetKeyRotationStatus"])
def test_unreadable_api_errors(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    create_key(seeder, PROD, "eu-west-1", "rotating", rotation_days=365)
    local_aws.inject("AccessDeniedException", "not authorized", service="kms", operation=operation,
                     account=PROD, region="eu-west-1")

    suite = run_suite(CONTROL, baseline=baseline)

    result = suite.result(f"prod-{PROD}-eu-west-1")
    assert result["outcome"] == "error"
    assert f"could not read kms:{operation} in account {PROD} region eu-west-1: AccessDeniedException" in result["message"]
    others = {label: o for label, o in suite.outcomes().items() if label != f"prod-{PROD}-eu-west-1"}
    assert set(others.values()) == {"passed"}


def test_throttling_after_retries_errors(seeder, audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("ThrottlingException", "Rate exceeded", service="kms", operation="ListKeys",
                     account=DEV, region="us-east-1")

    suite = run_suite(CONTROL, "--max-attempts", "2", baseline=baseline)

    result = suite.result(f"dev-{DEV}-us-east-1")
    assert result["outcome"] == "error"
    assert "ThrottlingException" in result["message"]
    attempts = [r for r in local_aws.injector.log if r.get("operation") == "ListKeys" and r.get("account") == DEV
                and r.get("region") == "us-east-1"]
    assert len(attempts) == 2


def test_transient_throttling_is_retried(seeder, audit_roles, baseline, run_suite, local_aws):
    create_key(seeder, DEV, "us-east-1", "no-rotation")
    local_aws.inject("ThrottlingException", "Rate exceeded", service="kms", operation="ListKeys",
                     account=DEV, region="us-east-1", remaining=1)

    suite = run_suite(CONTROL, baseline=baseline)

    assert suite.result(f"dev-{DEV}-us-east-1")["outcome"] == "failed"
