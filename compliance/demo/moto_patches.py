"""Where moto differs from AWS in ways the controls depend on, make it match
the AWS API reference. Every patch here is tested in tests/test_moto_patches.py.

- sts:AssumeRole: AWS refuses (AccessDenied) when the role does not exist or
  its trust policy requires an ``sts:ExternalId`` that the caller did not give;
  moto accepts any ARN.
- kms:EnableKeyRotation / GetKeyRotationStatus: AWS accepts and returns
  ``RotationPeriodInDays`` (default 365; botocore checks the 90-2560 range); moto
  ignores it.
- ec2:DescribeRegions: AWS lists the regions of the caller's partition only,
  and without ``AllRegions`` only those enabled for the account (opt-in
  regions not opted in are left out); moto lists every region of every
  partition.
- kms:CreateKey: AWS defaults ``KeyUsage`` to ENCRYPT_DECRYPT; moto leaves it
  empty, so DescribeKey returned no KeyUsage.
"""

import json

from moto.core.exceptions import ServiceException
from moto.ec2.responses import availability_zones_and_regions as ec2_regions
from moto.iam.models import iam_backends
from moto.kms import models as kms_models
from moto.kms import responses as kms_responses
from moto.sts import models as sts_models
from moto.utilities.utils import get_partition

DEFAULT_ROTATION_PERIOD_DAYS = 365
_applied = False


class _AccessDenied(ServiceException):
    def __init__(self, message):
        super().__init__("AccessDenied", message)


def _required_external_id(role):
    policy = role.assume_role_policy_document
    document = json.loads(policy) if isinstance(policy, str) else policy
    for statement in document.get("Statement", []):
        condition = statement.get("Condition", {}).get("StringEquals", {})
        if "sts:ExternalId" in condition:
            return condition["sts:ExternalId"]
    return None


def _assume_role_only_into_existing_roles(original):
    def assume_role(self, region_name, role_session_name, role_arn, policy, duration, external_id):
        account_id = role_arn.split(":")[4]
        try:
            role = iam_backends[account_id][get_partition(region_name)].get_role_by_arn(role_arn)
        except Exception:
            raise _AccessDenied(f"User is not authorized to perform: sts:AssumeRole on resource: {role_arn}") from None
        required = _required_external_id(role)
        if required is not None and external_id != required:
            raise _AccessDenied(f"User is not authorized to perform: sts:AssumeRole on resource: {role_arn}")
        return original(self, region_name, role_session_name, role_arn, policy, duration, external_id)

    return assume_role


def _enable_rotation_with_period(self):
    key_id = self._get_param("KeyId")
    self._validate_cmk_id(key_id)
    period = self._get_param("RotationPeriodInDays") or DEFAULT_ROTATION_PERIOD_DAYS
    self.kms_backend.enable_key_rotation(key_id)
    self.kms_backend.keys[self.kms_backend.get_key_id(key_id)].rotation_period_in_days = int(period)
    return json.dumps(None)


def _rotation_status_with_period(self):
    key_id = self._get_param("KeyId")
    self._validate_cmk_id(key_id)
    key = self.kms_backend.keys[self.kms_backend.get_key_id(key_id)]
    status = {"KeyId": key.arn, "KeyRotationEnabled": key.key_rotation_status}
    if key.key_rotation_status:
        status["RotationPeriodInDays"] = getattr(key, "rotation_period_in_days", DEFAULT_ROTATION_PERIOD_DAYS)
    return json.dumps(status)


def _key_usage_defaults_to_encrypt_decrypt(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.key_usage = self.key_usage or "ENCRYPT_DECRYPT"

    return __init__


def _describe_only_enabled_regions(original):
    def describe_regions(self):
        result = original(self)
        every = str(self._get_param("AllRegions", False)).lower() == "true"
        partition = get_partition(self.region)
        result.result["Regions"] = [
            r for r in result.result["Regions"]
            if get_partition(r.name) == partition and (every or r.opt_in_status != "not-opted-in")
        ]
        return result

    return describe_regions


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    sts_models.STSBackend.assume_role = _assume_role_only_into_existing_roles(sts_models.STSBackend.assume_role)
    kms_responses.KmsResponse.enable_key_rotation = _enable_rotation_with_period
    kms_responses.KmsResponse.get_key_rotation_status = _rotation_status_with_period
    regions = ec2_regions.AvailabilityZonesAndRegions
    regions.describe_regions = _describe_only_enabled_regions(regions.describe_regions)
    kms_models.Key.__init__ = _key_usage_defaults_to_encrypt_decrypt(kms_models.Key.__init__)
    _applied = True
