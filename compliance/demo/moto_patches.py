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
- s3:PutBucketVersioning / GetBucketVersioning: AWS keeps and reports
  ``MFADelete``; moto drops it.
- cloudtrail:DescribeTrails / GetTrailStatus: AWS shows an organization trail
  to every member account (a shadow trail, with includeShadowTrails); moto only
  shows an account its own trails. GetEventSelectors: a trail created without
  selectors records all management events, which AWS reports as one selector;
  moto reports none. GetTrailStatus: AWS reports
  ``LatestCloudWatchLogsDeliveryTime`` for a logging trail that sends to
  CloudWatch Logs; moto never does.
- ec2:GetConsoleOutput: AWS returns each instance's own console; moto returns
  one fixed text. Here an instance prints cloud-init's SSH host key
  fingerprints, unique per instance unless ``set_console_output`` gives it
  another console (for example a clone's).
- rds:DescribeCertificates is missing from moto; DescribeDBInstances lacks
  ``CertificateDetails``, defaults to a CA name AWS does not have, and leaves
  ``PubliclyAccessible`` out when it was not given (AWS always reports it;
  here it is false, as for an instance in a VPC without an internet
  gateway). The CAs served are ``RDS_CERTIFICATE_AUTHORITIES`` (stand-ins
  with the real names and validity ends, whose PEMs are in
  rds-certificate-authorities.pem).
- glacier:InitiateVaultLock / CompleteVaultLock / GetVaultLock are missing
  from moto; here a vault keeps its lock (InProgress, then Locked).
- IAM Access Analyzer is missing from moto: ``moto_accessanalyzer`` serves
  CreateAnalyzer and ListAnalyzers.
- iam:ListOrganizationsFeatures / EnableOrganizationsRootCredentialsManagement /
  EnableOrganizationsRootSessions (centralized root access) are missing from
  moto, and Organizations refuses iam.amazonaws.com as a trusted service and
  Security Hub, Config and Inspector as delegated-administrator services.
- organizations:PutResourcePolicy / DescribeResourcePolicy (delegating
  Organizations' own management) are missing from moto.
- iam:ListServerCertificates: AWS reports each certificate's own
  Expiration; moto reports 2012-05-08 for all.
- iam:GetCredentialReport: AWS writes the root user's ``<root_account>`` row
  before the users'; moto writes only users.
- cloudformation:DescribeStacks: AWS masks the value of a parameter the
  template declares NoEcho as ``****``; moto compares the value, not the
  parameter's name, with the NoEcho names, so it returns NoEcho values in clear.

The application services' patches (EKS, ECR, SNS, API Gateway, CodeBuild,
SageMaker, Elastic Beanstalk) are in compliance/demo/moto_apps.py, applied
from here.
"""

import datetime
import functools
import hashlib
import importlib
import json
import re
import sys
import types
import urllib.parse
from pathlib import Path

from cryptography import x509
from moto import backend_index
from moto.cloudformation import models as cloudformation_models
from moto.cloudtrail import models as cloudtrail_models
from moto.cloudtrail import responses as cloudtrail_responses
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.ec2.responses import availability_zones_and_regions as ec2_regions
from moto.ec2.responses import elastic_block_store as ec2_ebs_responses
from moto.ec2.responses import general as ec2_general
from moto.ec2.utils import Base64EncodedString
from moto.glacier import responses as glacier_responses
from moto.glacier import urls as glacier_urls
from moto.iam import models as iam_models
from moto.iam import responses as iam_responses
from moto.iam.models import iam_backends
from moto.kms import models as kms_models
from moto.kms import responses as kms_responses
from moto.macie2 import models as macie2_models
from moto.organizations import models as organizations_models
from moto.organizations import responses as organizations_responses
from moto.organizations.models import organizations_backends
from moto.rds import models as rds_models
from moto.rds import responses as rds_responses
from moto.s3 import responses as s3_responses
from moto.securityhub import responses as securityhub_responses
from moto.securityhub import urls as securityhub_urls
from moto.sts import models as sts_models
from moto.utilities.utils import get_partition

from compliance.certificates import parse_bundle
from compliance.demo import moto_apps, moto_compute, moto_data, moto_databases, moto_edge, moto_storage

DEFAULT_ROTATION_PERIOD_DAYS = 365
DEFAULT_RDS_CA = "rds-ca-rsa2048-g1"  # AWS's default for new DB instances since 2024
_applied = False


def _stand_in_rds_cas():
    pem = (Path(__file__).parent / "rds-certificate-authorities.pem").read_bytes()
    return [
        {
            "CertificateIdentifier": cert.subject.split(",")[0].removeprefix("CN="),
            "CertificateType": "CA",
            "Thumbprint": cert.sha1,
            "ValidFrom": cert.not_before,
            "ValidTill": cert.not_after,
            "CustomerOverride": False,
        }
        for cert in parse_bundle(pem, "rds-certificate-authorities.pem")
    ]


RDS_CERTIFICATE_AUTHORITIES = _stand_in_rds_cas()


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


def _key_pair_only_for_asymmetric_keys(original):
    """Only asymmetric KMS keys have a key pair; moto makes an RSA-2048 pair
    for every key (about 100 ms of CPU each), which a symmetric or HMAC key
    never uses (AWS refuses Sign, Verify and GetPublicKey for them)."""
    def generate_private_key(key_spec):
        if key_spec == "SYMMETRIC_DEFAULT" or key_spec.startswith("HMAC_"):
            return None
        return original(key_spec)

    return generate_private_key


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


def _restorable_by(snapshot, wanted, caller):
    """Whether the callers ``wanted`` (account IDs, "self", "all") may create
    volumes from ``snapshot``, as DescribeSnapshots' RestorableByUserIds asks."""
    return (("all" in wanted and "all" in snapshot.create_volume_permission_groups)
            or ("self" in wanted and (snapshot.owner_id == caller or caller in snapshot.create_volume_permission_userids))
            or bool(wanted & snapshot.create_volume_permission_userids))


def _snapshots_by_owner(original):
    """DescribeSnapshots honours OwnerIds ("self", account IDs, "amazon") and
    RestorableByUserIds (account IDs, "self", "all" for public snapshots);
    moto ignores both and returns the snapshots of its whole AMI catalog."""
    def describe_snapshots(self):
        result = original(self)
        owners = self._get_param("OwnerIds", [])
        restorable_by = set(self._get_param("RestorableByUserIds", []))
        if owners:
            wanted = {self.current_account if o == "self" else o for o in owners}
            result.result["Snapshots"] = [
                s for s in result.result["Snapshots"]
                if s.owner_id in wanted or ("amazon" in wanted and s.from_ami and s.owner_id != self.current_account)
            ]
        if restorable_by:
            result.result["Snapshots"] = [s for s in result.result["Snapshots"]
                                          if _restorable_by(s, restorable_by, self.current_account)]
        return result

    return describe_snapshots


def _keep_mfa_delete(original):
    def _bucket_response_put(self, request, bucket_name, querystring):
        result = original(self, request, bucket_name, querystring)
        if "versioning" in querystring:
            body = self.body.decode("utf-8")
            for state in ("Enabled", "Disabled"):
                if f"<MfaDelete>{state}</MfaDelete>" in body:
                    self.backend.get_bucket(bucket_name).mfa_delete = state
        return result

    return _bucket_response_put


def _report_mfa_delete(self):
    bucket = self.backend.get_bucket(self.bucket_name)
    result = {"Status": bucket.versioning_status}
    if getattr(bucket, "mfa_delete", None):
        result["MFADelete"] = bucket.mfa_delete
    self.data["Action"] = "GetBucketVersioning"
    return self.serialized(ActionResult(result))


def _with_organization_shadow_trails(original):
    def describe_trails(self, include_shadow_trails):
        trails = list(original(self, include_shadow_trails))
        management = organizations_backends.master_accounts.get(self.account_id, (None,))[0]
        if include_shadow_trails and management not in (None, self.account_id):
            for backend in cloudtrail_models.cloudtrail_backends[management].values():
                trails += [
                    trail for trail in backend.trails.values()
                    if trail.is_org_trail and (trail.is_multi_region or trail.region_name == self.region_name)
                ]
        return trails

    return describe_trails


def _status_knows_cloudwatch_delivery(original):
    def get_trail_status(self, name):
        status = original(self, name)
        trail = next(t for t in self.describe_trails(include_shadow_trails=True) if name in (t.trail_name, t.arn))
        status.sends_to_cloudwatch = bool(trail.cw_log_group_arn)
        return status

    return get_trail_status


def _status_with_cloudwatch_delivery(original):
    def description(self):
        described = original(self)
        if self.is_logging and getattr(self, "sends_to_cloudwatch", False):
            described["LatestCloudWatchLogsDeliveryTime"] = described["LatestDeliveryTime"]
        return described

    return description


ALL_MANAGEMENT_EVENTS = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [],
                         "ExcludeManagementEventSources": []}


def _default_event_selectors(original):
    def get_event_selectors(self):
        response = json.loads(original(self))
        if not response.get("EventSelectors") and not response.get("AdvancedEventSelectors"):
            response["EventSelectors"] = [ALL_MANAGEMENT_EVENTS]
            response.pop("AdvancedEventSelectors", None)
        return json.dumps(response)

    return get_event_selectors


def cloud_init_console(fingerprints):
    """Console text as cloud-init prints it: ``{key type: fingerprint}``."""
    lines = [f"256 {fp} root@ip-10-0-0-1 ({key_type})" for key_type, fp in fingerprints.items()]
    return "\n".join([
        "[    0.000000] Linux version 6.1.0-aws",
        "Cloud-init v. 23.1 running 'modules:final'",
        "-----BEGIN SSH HOST KEY FINGERPRINTS-----",
        *lines,
        "-----END SSH HOST KEY FINGERPRINTS-----",
        "Cloud-init v. 23.1 finished",
    ]) + "\n"


def unique_fingerprints(instance_id):
    """Host keys as a freshly booted instance generates them: its own."""
    return {
        key_type: "SHA256:" + hashlib.sha256(f"{instance_id}/{key_type}".encode()).hexdigest()[:43]
        for key_type in ("ECDSA", "ED25519", "RSA")
    }


def set_root_credentials(account_id, password=True, access_key=False, mfa=None, last_used=None):
    """The root user's credentials, which no API sets (demo and tests):
    ``mfa`` is None, "hardware" or "virtual"; ``last_used`` is when the root
    password last signed in (None: never)."""
    backend = iam_backends[account_id]["aws"]
    summary = backend.account_summary
    summary._account_password_present = int(password)
    summary._account_access_keys_present = int(access_key)
    summary._account_mfa_enabled = int(mfa is not None)
    summary._root_password_last_used = last_used
    if mfa == "virtual":
        device = iam_models.VirtualMfaDevice(account_id, "us-east-1", "/root-account-mfa-device")
        device.enable_date = utcnow()
        device.user = types.SimpleNamespace(path="/", user_name=account_id, user_id=account_id,
                                            arn=f"arn:aws:iam::{account_id}:root", create_date=utcnow())
        backend.virtual_mfa_devices[device.serial_number] = device


@functools.cache
def _aws_managed_policies():
    return json.loads(iam_models.aws_managed_policies_data)


def aws_managed_policy(account_id, name):
    """Make the AWS managed policy ``name`` attachable in the account (moto
    loads all of them, slowly, or none; AWS has them all); returns its ARN."""
    backend = iam_backends[account_id]["aws"]
    arn = f"arn:aws:iam::aws:policy/{name}"
    if arn not in backend.managed_policies:
        data = _aws_managed_policies()[name]
        policy = iam_models.AWSManagedPolicy.from_data(name, account_id, backend.region_name, data)
        backend.aws_managed_policies.append(policy)
        backend.managed_policies[arn] = policy
    return arn


def age_user_credentials(account_id, user_name, days, password_used_days_ago=None, key_used_days_ago=None):
    """Make a user ``days`` old, its access keys created then, and record when
    its password and keys were last used (demo and tests: no API sets these)."""
    user = iam_backends[account_id]["aws"].get_user(user_name)
    created = utcnow() - datetime.timedelta(days=days)
    user.create_date = created
    for key in user.access_keys:
        key.create_date = created
        if key_used_days_ago is not None:
            key.last_used = iam_models.AccessKeyLastUsed(
                timestamp=utcnow() - datetime.timedelta(days=key_used_days_ago), service="s3", region="us-east-1")
    if password_used_days_ago is not None:
        user.password_last_used = utcnow() - datetime.timedelta(days=password_used_days_ago)


def _root_row(backend):
    """The credential report's ``<root_account>`` row, which AWS always writes (moto does not)."""
    summary = backend.account_summary
    when = "%Y-%m-%dT%H:%M:%S+00:00"
    last_used = getattr(summary, "_root_password_last_used", None)
    key = "true" if summary._account_access_keys_present else "false"
    fields = ["<root_account>", f"arn:aws:iam::{backend.account_id}:root", "2020-01-01T00:00:00+00:00",
              "not_supported", last_used.strftime(when) if last_used else "N/A", "not_supported", "not_supported",
              "true" if summary._account_mfa_enabled else "false",
              key, "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]
    return ",".join(fields) + "\n"


def _credential_report_with_root(original):
    def get_credential_report(self):
        header, _, users = original(self).partition("\n")
        return header + "\n" + _root_row(self) + users

    return get_credential_report


def _summary_with_password_present(original):
    """GetAccountSummary reports AccountPasswordPresent, as AWS does (moto omits it)."""
    def summary_map(self):
        return {**original.fget(self), "AccountPasswordPresent": getattr(self, "_account_password_present", 1)}

    return property(summary_map)


def _batch_enable_standards(self):
    """BatchEnableStandards (moto lacks it): subscriptions become READY at once."""
    backend = self.securityhub_backend
    subscriptions = backend.__dict__.setdefault("standards_subscriptions", {})
    for request in json.loads(self.body)["StandardsSubscriptionRequests"]:
        arn = request["StandardsArn"]
        subscriptions[arn] = {
            "StandardsSubscriptionArn": f"arn:aws:securityhub:{backend.region_name}:{backend.account_id}:subscription/"
                                        f"{arn.split('/', 1)[1]}",
            "StandardsArn": arn, "StandardsInput": {}, "StandardsStatus": "READY"}
    return json.dumps({"StandardsSubscriptions": list(subscriptions.values())})


def _get_enabled_standards(self):
    """GetEnabledStandards (moto lacks it)."""
    subscriptions = self.securityhub_backend.__dict__.get("standards_subscriptions", {})
    return json.dumps({"StandardsSubscriptions": list(subscriptions.values())})


def set_console_output(account_id, region, instance_id, text):
    """Make ``instance_id`` print ``text`` on its console (demo and tests)."""
    ec2_backends[account_id][region].get_instance(instance_id).console_output = text


def _console_output_per_instance(self):
    instance = self.ec2_backend.get_instance(self._get_param("InstanceId"))
    text = getattr(instance, "console_output", None) or cloud_init_console(unique_fingerprints(instance.id))
    return ActionResult({
        "InstanceId": instance.id,
        "Timestamp": datetime.datetime.now(datetime.timezone.utc),
        "Output": Base64EncodedString.from_raw_string(text),
    })


def _list_server_certificates(self):
    """Each certificate's own expiry, read from its body (moto reports a fixed 2012 date)."""
    return ActionResult({"IsTruncated": False, "ServerCertificateMetadataList": [
        {"ServerCertificateName": cert.cert_name, "Path": cert.path, "Arn": cert.arn,
         "ServerCertificateId": "ASCA" + hashlib.sha256(cert.arn.encode()).hexdigest()[:17].upper(),
         "UploadDate": "2020-01-01T00:00:00Z",
         "Expiration": x509.load_pem_x509_certificate(cert.cert_body.encode()).not_valid_after_utc.isoformat()}
        for cert in self.backend.list_server_certificates()]})


def _describe_certificates(self):
    wanted = self._get_param("CertificateIdentifier")
    certificates = [c for c in RDS_CERTIFICATE_AUTHORITIES if wanted in (None, c["CertificateIdentifier"])]
    return ActionResult({"Certificates": certificates, "DefaultCertificateForNewLaunches": DEFAULT_RDS_CA})


def _instances_with_certificate_details(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.ca_certificate_identifier in (None, "rds-ca-default"):
            self.ca_certificate_identifier = DEFAULT_RDS_CA
        if self.publicly_accessible is None:
            self.publicly_accessible = False

    return __init__


def _certificate_details(self):
    ca = next((c for c in RDS_CERTIFICATE_AUTHORITIES if c["CertificateIdentifier"] == self.ca_certificate_identifier), None)
    server_until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=365)
    valid_till = min(server_until, ca["ValidTill"]) if ca else server_until
    return {"CAIdentifier": self.ca_certificate_identifier, "ValidTill": valid_till}


_VAULT_LOCK_PATH = re.compile(r"/vaults/(?P<vault>[^/]+)/lock-policy(?:/(?P<lock_id>[^/]+))?$")


def _vault_of(response):
    path = _VAULT_LOCK_PATH.search(response.parsed_url.path)
    return response.glacier_backend.describe_vault(urllib.parse.unquote(path.group("vault"))), path.group("lock_id")


def _initiate_vault_lock(self):
    vault, _ = _vault_of(self)
    now = utcnow()
    vault.lock = {"Policy": json.loads(self.body or "{}").get("Policy", ""), "State": "InProgress",
                  "CreationDate": now.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "LockId": vault.vault_name + "-lock",
                  "ExpirationDate": (now + datetime.timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%S.000Z")}
    return 201, {"x-amz-lock-id": vault.lock["LockId"], "status": 201}, ""


def _complete_vault_lock(self):
    vault, lock_id = _vault_of(self)
    lock = getattr(vault, "lock", None)
    if lock is None or lock["LockId"] != lock_id:
        return 400, {"status": 400}, json.dumps({"code": "InvalidParameterValueException",
                                                 "message": "the lock ID does not match an in-progress lock"})
    lock.update(State="Locked", ExpirationDate=None)
    return 204, {"status": 204}, ""


def _get_vault_lock(self):
    vault, _ = _vault_of(self)
    lock = getattr(vault, "lock", None)
    if lock is None:
        return 404, {"status": 404}, json.dumps({"code": "ResourceNotFoundException",
                                                 "message": f"Vault lock policy not found for {vault.vault_name}",
                                                 "type": "Client"})
    shown = {k: v for k, v in lock.items() if k != "LockId" and v is not None}
    return 200, {"content-type": "application/json"}, json.dumps(shown)


# Services AWS lets a member account administer for the organization that moto refuses.
DELEGATED_ADMINISTRATION_MISSING = ["securityhub.amazonaws.com", "config.amazonaws.com", "inspector2.amazonaws.com"]


class _ServiceAccessNotEnabled(ServiceException):
    def __init__(self):
        super().__init__("ServiceAccessNotEnabledException",
                         "trusted access for iam.amazonaws.com is not enabled in AWS Organizations")


def _organizations_features(response):
    """The management account's organization and IAM's Organizations features (a set kept on its IAM backend)."""
    organization = organizations_backends[response.current_account]["aws"].org
    services = organizations_backends[response.current_account]["aws"].services
    if organization is None or not any(s["ServicePrincipal"] == "iam.amazonaws.com" for s in services):
        raise _ServiceAccessNotEnabled()
    backend = iam_backends[response.current_account]["aws"]
    if not hasattr(backend, "organizations_features"):
        backend.organizations_features = set()
    return organization.id, backend.organizations_features


def _features_result(organization_id, features):
    return ActionResult({"OrganizationId": organization_id, "EnabledFeatures": sorted(features)})


def _list_organizations_features(self):
    return _features_result(*_organizations_features(self))


def _enabling(feature):
    def enable(self):
        organization_id, features = _organizations_features(self)
        features.add(feature)
        return _features_result(organization_id, features)

    return enable


class _MacieNotEnabled(ServiceException):
    code = "AccessDeniedException"
    message = "Macie is not enabled."


def _macie_starts_disabled(original):
    """Macie is off in an account-region until EnableMacie (moto starts it enabled)."""
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.macie_session = None

    return __init__


def _macie_not_enabled_is_denied(original):
    """GetMacieSession in a region where Macie is not enabled: AWS answers
    AccessDeniedException "Macie is not enabled." (moto: ResourceNotFound)."""
    def get_macie_session(self):
        if not self.macie_session:
            raise _MacieNotEnabled()
        return original(self)

    return get_macie_session


class _ResourcePolicyNotFound(ServiceException):
    def __init__(self):
        super().__init__("ResourcePolicyNotFoundException", "You specified a policy that doesn't exist.")


def _put_resource_policy(self):
    backend = self.organizations_backend
    backend.resource_policy = {"ResourcePolicySummary": {
        "Id": "rp-" + hashlib.sha256(backend.account_id.encode()).hexdigest()[:8],
        "Arn": f"arn:aws:organizations::{backend.account_id}:resourcepolicy/{backend.org.id}/rp-demo"},
        "Content": json.loads(self.body)["Content"]}
    return json.dumps({"ResourcePolicy": backend.resource_policy})


def _describe_resource_policy(self):
    policy = getattr(self.organizations_backend, "resource_policy", None)
    if policy is None:
        raise _ResourcePolicyNotFound()
    return json.dumps({"ResourcePolicy": policy})


def _register_access_analyzer():
    """Serve IAM Access Analyzer from ``compliance.demo.moto_accessanalyzer``
    (moto finds a service's backends by module name and its host by pattern)."""
    module = importlib.import_module("compliance.demo.moto_accessanalyzer")
    sys.modules["moto.accessanalyzer"] = module
    backend_index.backend_url_patterns.append(
        ("accessanalyzer", re.compile(r"https?://access-analyzer\.(.+)\.amazonaws\.com")))


def _parameters_with_no_echo_masked(self):
    no_echo = self.resource_map.no_echo_parameter_keys
    return [{"ParameterKey": key, "ParameterValue": "****" if key in no_echo else value}
            for key, value in self.resource_map.resolved_parameters.items()]


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    _register_access_analyzer()
    sts_models.STSBackend.assume_role = _assume_role_only_into_existing_roles(sts_models.STSBackend.assume_role)
    kms_responses.KmsResponse.enable_key_rotation = _enable_rotation_with_period
    kms_responses.KmsResponse.get_key_rotation_status = _rotation_status_with_period
    regions = ec2_regions.AvailabilityZonesAndRegions
    regions.describe_regions = _describe_only_enabled_regions(regions.describe_regions)
    kms_models.Key.__init__ = _key_usage_defaults_to_encrypt_decrypt(kms_models.Key.__init__)
    kms_models.generate_private_key = _key_pair_only_for_asymmetric_keys(kms_models.generate_private_key)
    s3_responses.S3Response._bucket_response_put = _keep_mfa_delete(s3_responses.S3Response._bucket_response_put)
    s3_responses.S3Response.get_bucket_versioning = _report_mfa_delete
    backend = cloudtrail_models.CloudTrailBackend
    backend.describe_trails = _with_organization_shadow_trails(backend.describe_trails)
    backend.get_trail_status = _status_knows_cloudwatch_delivery(backend.get_trail_status)
    status = cloudtrail_models.TrailStatus
    status.description = _status_with_cloudwatch_delivery(status.description)
    trails = cloudtrail_responses.CloudTrailResponse
    trails.get_event_selectors = _default_event_selectors(trails.get_event_selectors)
    ec2_general.General.get_console_output = _console_output_per_instance
    iam_models.AccountSummary.summary_map = _summary_with_password_present(iam_models.AccountSummary.summary_map)
    iam_responses.IamResponse.list_server_certificates = _list_server_certificates
    organizations_models.FakeServiceAccess.TRUSTED_SERVICES.append("iam.amazonaws.com")
    organizations_responses.OrganizationsResponse.put_resource_policy = _put_resource_policy
    organizations_responses.OrganizationsResponse.describe_resource_policy = _describe_resource_policy
    organizations_models.FakeDelegatedAdministrator.SUPPORTED_SERVICES.extend(DELEGATED_ADMINISTRATION_MISSING)
    iam_responses.IamResponse.list_organizations_features = _list_organizations_features
    iam_responses.IamResponse.enable_organizations_root_credentials_management = _enabling("RootCredentialsManagement")
    iam_responses.IamResponse.enable_organizations_root_sessions = _enabling("RootSessions")
    iam_models.IAMBackend.get_credential_report = _credential_report_with_root(
        iam_models.IAMBackend.get_credential_report)
    securityhub_responses.SecurityHubResponse.batch_enable_standards = _batch_enable_standards
    securityhub_responses.SecurityHubResponse.get_enabled_standards = _get_enabled_standards
    for path in ("{0}/standards/register$", "{0}/standards/get$"):
        securityhub_urls.url_paths[path] = securityhub_responses.SecurityHubResponse.dispatch
    for lock_path in ("/lock-policy$", "/lock-policy/(?P<lock_id>[^/]+)$"):
        glacier_urls.url_paths["{0}/(?P<account_number>.+)/vaults/(?P<vault_name>[^/]+)" + lock_path] = (
            glacier_responses.GlacierResponse.dispatch)
    glacier_responses.GlacierResponse.initiate_vault_lock = _initiate_vault_lock
    glacier_responses.GlacierResponse.complete_vault_lock = _complete_vault_lock
    glacier_responses.GlacierResponse.get_vault_lock = _get_vault_lock
    ebs = ec2_ebs_responses.ElasticBlockStore
    ebs.describe_snapshots = _snapshots_by_owner(ebs.describe_snapshots)
    rds_responses.RDSResponse.describe_certificates = _describe_certificates
    rds_models.DBInstance.__init__ = _instances_with_certificate_details(rds_models.DBInstance.__init__)
    rds_models.DBInstance.certificate_details = property(_certificate_details)
    cloudformation_models.Stack.parameter_list = property(_parameters_with_no_echo_masked)
    macie2_models.MacieBackend.__init__ = _macie_starts_disabled(macie2_models.MacieBackend.__init__)
    macie2_models.MacieBackend.get_macie_session = _macie_not_enabled_is_denied(
        macie2_models.MacieBackend.get_macie_session)
    moto_compute.apply()
    moto_data.apply()
    moto_edge.apply()
    moto_storage.apply()
    moto_apps.apply()
    moto_databases.apply()
    _applied = True
