"""The suite cannot change an estate: the guard refuses every non-read
operation before it is sent, and a whole run sends only reads."""

import pytest

from compliance.aws import guard
from compliance.aws.metering import Meter
from compliance.aws.sessions import Connection
from compliance.errors import ReadOnlyViolation


@pytest.mark.parametrize(
    "service, operation, allowed",
    [
        ("kms", "ListKeys", True),
        ("kms", "DescribeKey", True),
        ("kms", "GetKeyRotationStatus", True),
        ("s3", "HeadBucket", True),
        ("sts", "AssumeRole", True),
        ("iam", "GenerateCredentialReport", True),
        ("iam", "GenerateServiceLastAccessedDetails", False),
        ("kms", "EnableKeyRotation", False),
        ("kms", "ScheduleKeyDeletion", False),
        ("s3", "PutBucketPolicy", False),
        ("s3", "DeleteObject", False),
        ("iam", "CreateAccessKey", False),
        ("ec2", "RunInstances", False),
        ("cloudtrail", "StopLogging", False),
        ("kms", "Decrypt", False),
        ("secretsmanager", "GetSecretValue", False),
        ("ssm", "GetParameter", False),
        ("ec2", "GetPasswordData", False),
        ("ec2", "Getaway", False),
    ],
)
def test_is_allowed(service, operation, allowed):
    assert guard.is_allowed(service, operation) is allowed


def test_guard_refuses_before_anything_is_sent(offline):
    meter = Meter()
    # Port 9 (discard) on loopback: had the request been sent, it would fail differently.
    connection = Connection(meter, endpoint_url="http://127.0.0.1:9", max_attempts=1)
    with connection.signed_as(connection.starting_credentials()):
        with pytest.raises(ReadOnlyViolation, match=r"refused kms:ScheduleKeyDeletion: the compliance suite is read-only"):
            connection.client("kms", "eu-west-1").schedule_key_deletion(KeyId="k")
        with pytest.raises(ReadOnlyViolation, match=r"refused s3:PutObject"):
            connection.client("s3", "eu-west-1").put_object(Bucket="b", Key="k", Body=b"x")
    assert sum(meter.requests.values()) == 0


def test_guard_applies_to_requests_signed_as_an_audit_role(local_aws, seeder, audit_roles, offline):
    from compliance.aws.sessions import RoleAssumer
    from compliance.demo.organization import EXTERNAL_ID
    from tests.conftest import PROD

    connection = Connection(Meter(), endpoint_url=local_aws.url)
    assumer = RoleAssumer(connection, connection.starting_credentials(), f"arn:aws:iam::{PROD}:role/ComplianceAudit",
                          "test", EXTERNAL_ID, 900, "us-east-1")
    kms = connection.client("kms", "us-east-1")
    with connection.signed_as(assumer.credentials()):
        assert kms.list_keys()["Keys"] == []
        with pytest.raises(ReadOnlyViolation):
            kms.create_key()
    assert not any(r.get("operation") == "CreateKey" for r in local_aws.injector.log)


def test_a_whole_run_sends_only_reads(local_aws, seeder, audit_roles, run_suite, tmp_path):
    from compliance.demo.organization import create_key
    from tests.conftest import DEV, write_baseline

    create_key(seeder, DEV, "eu-west-1", "no-rotation")
    local_aws.injector.log.clear()  # forget the seeding writes

    suite = run_suite(baseline=write_baseline(tmp_path / "baseline.yaml"))

    assert suite.returncode == 1, suite.output
    seen = {(r["service"], r["operation"]) for r in local_aws.injector.log if "operation" in r}
    assert ("kms", "GetKeyRotationStatus") in seen
    assert all(guard.is_allowed(*op) for op in seen), seen
    # REST protocols (S3) name no operation on the wire: their reads are GET and HEAD.
    rest = {(r["service"], r["method"]) for r in local_aws.injector.log if "operation" not in r}
    assert ("s3", "GET") in rest
    assert {method for _, method in rest} <= {"GET", "HEAD"}, rest
