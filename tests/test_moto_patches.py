"""moto is patched to AWS semantics where the controls depend on them."""

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID, create_key
from tests.conftest import PROD


def client(local_aws, service, region="us-east-1"):
    return boto3.client(service, region_name=region, endpoint_url=local_aws.url,
                        aws_access_key_id="starting", aws_secret_access_key="x")


def test_assume_role_requires_the_role_to_exist(local_aws):
    with pytest.raises(ClientError, match="AccessDenied"):
        client(local_aws, "sts").assume_role(RoleArn=f"arn:aws:iam::{PROD}:role/Missing", RoleSessionName="test")


def test_assume_role_enforces_the_external_id(local_aws, audit_roles):
    arn = f"arn:aws:iam::{PROD}:role/{AUDIT_ROLE}"
    with pytest.raises(ClientError, match="AccessDenied"):
        client(local_aws, "sts").assume_role(RoleArn=arn, RoleSessionName="test", ExternalId="wrong")
    creds = client(local_aws, "sts").assume_role(RoleArn=arn, RoleSessionName="test", ExternalId=EXTERNAL_ID)
    assert creds["AssumedRoleUser"]["Arn"].startswith(f"arn:aws:sts::{PROD}:assumed-role/{AUDIT_ROLE}/")


def test_rotation_period_is_kept_and_reported(local_aws, seeder):
    key_id = create_key(seeder, PROD, "eu-west-1", "k", rotation_days=180)
    kms = seeder.client("kms", PROD, "eu-west-1")
    status = kms.get_key_rotation_status(KeyId=key_id)
    assert status["KeyRotationEnabled"] is True and status["RotationPeriodInDays"] == 180
    kms.enable_key_rotation(KeyId=key_id)
    assert kms.get_key_rotation_status(KeyId=key_id)["RotationPeriodInDays"] == 365
    kms.disable_key_rotation(KeyId=key_id)
    assert "RotationPeriodInDays" not in kms.get_key_rotation_status(KeyId=key_id)


def test_key_usage_defaults_to_encrypt_decrypt(local_aws, seeder):
    key_id = create_key(seeder, PROD, "eu-west-1", "k")
    assert seeder.client("kms", PROD, "eu-west-1").describe_key(KeyId=key_id)["KeyMetadata"]["KeyUsage"] == "ENCRYPT_DECRYPT"


def test_describe_regions_lists_only_enabled_regions(local_aws, seeder):
    ec2 = seeder.client("ec2", PROD)
    enabled = {r["RegionName"] for r in ec2.describe_regions()["Regions"]}
    every = {r["RegionName"]: r["OptInStatus"] for r in ec2.describe_regions(AllRegions=True)["Regions"]}
    assert "eu-west-1" in enabled and "me-south-1" not in enabled
    assert every["me-south-1"] == "not-opted-in"
    assert not any(name.startswith(("cn-", "us-gov-")) for name in every)


def test_injected_faults_use_each_protocol(local_aws, seeder):
    local_aws.inject("AccessDeniedException", service="kms", operation="ListKeys")
    local_aws.inject("UnauthorizedOperation", service="ec2", operation="DescribeRegions")
    local_aws.inject("Throttling", service="sts", operation="GetCallerIdentity", remaining=1)
    with pytest.raises(ClientError, match="AccessDeniedException"):
        seeder.client("kms", PROD).list_keys()
    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        seeder.client("ec2", PROD).describe_regions()
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=local_aws.url, aws_access_key_id="a",
                       aws_secret_access_key="b", config=Config(retries={"total_max_attempts": 1}))
    with pytest.raises(ClientError, match="Throttling"):
        sts.get_caller_identity()
    assert sts.get_caller_identity()["Account"]  # the fault was used up
