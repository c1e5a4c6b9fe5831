"""Where moto differs from AWS in the storage and service controls' reads,
made to match the AWS API reference (tested in tests/test_storage_services.py).

- secretsmanager:ListSecrets / DescribeSecret: AWS reports ``LastAccessedDate``,
  the day (midnight UTC) a secret was last retrieved, and leaves it out for a
  secret never retrieved; moto never records a retrieval and reports null.
- s3:CreateBucket / GetBucketOwnershipControls: AWS gives every new bucket
  Object Ownership BucketOwnerEnforced (ACLs disabled) unless the request
  says otherwise (since April 2023); moto gives it none.
- s3:PutObjectLockConfiguration: AWS enables Object Lock on any versioned
  bucket (since November 2023), objects or not; moto only on an empty one.
- s3:GetBucketNotificationConfiguration: AWS reports the
  ``EventBridgeConfiguration`` a bucket was given; moto keeps it but leaves it
  out of the answer.
- s3:GetBucketReplication: AWS reports each rule as it was put (a V1 rule's
  Prefix and no Filter, DeleteMarkerReplication as given); moto reports every
  rule with an empty prefix Filter and delete marker replication Disabled.
- backup:ListProtectedResources and ListRecoveryPointsByBackupVault are
  missing from moto (it makes no backups): here the recovery points
  ``add_recovery_point`` records are listed, and the resources they protect
  with the time of their latest backup.
- s3control:CreateAccessPoint / ListAccessPoints: AWS keeps access points
  in the region they were created in (their ARN names it) and lists a
  region's only; moto names us-east-1 in every ARN and lists them all
  everywhere.
- fsx:CreateFileSystem: moto names file systems from ``uuid4``, which the
  demo's seeded random generator does not reach; here they come from moto's
  own generator, so the demo's FSx IDs are the same on every run.
"""

import datetime
import functools
import json
import re
from urllib.parse import unquote

from moto.backup import models as backup_models
from moto.backup import responses as backup_responses
from moto.backup import urls as backup_urls
from moto.core.responses import ActionResult
from moto.fsx import models as fsx_models
from moto.moto_api._internal import mock_random
from moto.s3 import exceptions as s3_exceptions
from moto.s3 import models as s3_models
from moto.s3 import responses as s3_responses
from moto.s3control import responses as s3control_responses
from moto.secretsmanager import models as secretsmanager_models

_applied = False
DAY = 86400


def _midnight(moment):
    return int(moment.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


def _records_last_access(get_secret_value):
    @functools.wraps(get_secret_value)
    def recording(self, secret_id, *args, **kwargs):
        answer = get_secret_value(self, secret_id, *args, **kwargs)
        self.secrets[secret_id].last_accessed_date = _midnight(datetime.datetime.now(datetime.timezone.utc))
        return answer
    return recording


def _reports_last_access(to_dict):
    @functools.wraps(to_dict)
    def with_last_access(self):
        found = to_dict(self)
        found["LastAccessedDate"] = getattr(self, "last_accessed_date", None)
        return found
    return with_last_access


def _owner_enforced_by_default(init):
    @functools.wraps(init)
    def created(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.ownership_rule = "BucketOwnerEnforced"  # CreateBucket's x-amz-object-ownership header replaces it
    return created


def _put_object_lock_configuration(self, bucket_name, lock_enabled, mode=None, days=None, years=None):
    bucket = self.get_bucket(bucket_name)
    if not bucket.is_versioned:
        raise s3_exceptions.InvalidBucketState(
            "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
    if lock_enabled:
        bucket.object_lock_enabled = True
    bucket.default_lock_mode, bucket.default_lock_days, bucket.default_lock_years = mode, days, years


def _reports_eventbridge(get_bucket_notification):
    @functools.wraps(get_bucket_notification)
    def with_eventbridge(self):
        configuration = self.backend.get_bucket_notification_configuration(self.bucket_name)
        if configuration is None or configuration.event_bridge is None:
            return get_bucket_notification(self)
        status, headers, text = get_bucket_notification(self)
        opened = re.sub(r"<NotificationConfiguration([^>]*)/>", r"<NotificationConfiguration\1></NotificationConfiguration>",
                        text)
        return status, headers, opened.replace(
            "</NotificationConfiguration>", "<EventBridgeConfiguration/></NotificationConfiguration>")
    return with_eventbridge


REPLICATION_RULE_MEMBERS = ("ID", "Priority", "Prefix", "Filter", "Status", "SourceSelectionCriteria",
                            "ExistingObjectReplication", "Destination", "DeleteMarkerReplication")


def _get_bucket_replication(self):
    self.data["Action"] = "GetBucketReplication"
    replication = self.backend.get_bucket_replication(self.bucket_name)
    if not replication:
        raise s3_exceptions.ReplicationConfigurationNotFoundError(bucket_name=self.bucket_name)
    rules = replication["Rule"] if isinstance(replication["Rule"], list) else [replication["Rule"]]
    return self.serialized(ActionResult({"ReplicationConfiguration": {"Role": replication["Role"], "Rules": [
        {k: rule[k] or {} for k in REPLICATION_RULE_MEMBERS if k in rule} for rule in rules]}}))


def add_recovery_point(account_id, region, vault, resource_arn, resource_type, days_ago, key_arn=None):
    """Record a completed backup of ``resource_arn`` in ``vault``, ``days_ago``
    days ago, encrypted with ``key_arn`` (None: not encrypted) (demo and
    tests: moto makes no backups)."""
    backend = backup_models.backup_backends[account_id][region]
    created = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_ago)
    point = {"RecoveryPointArn": f"arn:aws:backup:{region}:{account_id}:recovery-point:{len(_points(backend)) + 1:08d}",
             "BackupVaultName": vault, "BackupVaultArn": backend.vaults[vault].backup_vault_arn,
             "ResourceArn": resource_arn, "ResourceType": resource_type, "Status": "COMPLETED",
             "CreationDate": created.timestamp(), "IsEncrypted": key_arn is not None}
    if key_arn:
        point["EncryptionKeyArn"] = key_arn
    _points(backend).append(point)


def _points(backend):
    return backend.__dict__.setdefault("recovery_points", [])


def _list_recovery_points_by_backup_vault(self):
    vault = unquote(self.path.split("/")[-3])
    return json.dumps({"RecoveryPoints": [p for p in _points(self.backup_backend) if p["BackupVaultName"] == vault]})


def _list_protected_resources(self):
    latest = {}
    for point in sorted(_points(self.backup_backend), key=lambda p: p["CreationDate"]):
        latest[point["ResourceArn"]] = {"ResourceArn": point["ResourceArn"], "ResourceType": point["ResourceType"],
                                        "LastBackupTime": point["CreationDate"]}
    return json.dumps({"Results": list(latest.values())})


def _regional_access_point(create_access_point):
    @functools.wraps(create_access_point)
    def create(self):
        create_access_point(self)
        point = self.backend.access_points[self._get_param("AccountId")][self._get_param("Name")]
        point.region = self.region
        point.arn = re.sub(r"^(arn:[^:]+:s3):[^:]*:", rf"\1:{self.region}:", point.arn)
        return ActionResult({"AccessPointArn": point.arn, "Alias": point.alias})
    return create


def _list_regional_access_points(self):
    points = [p for p in self.backend.access_points.get(self._get_param("AccountId"), {}).values()
              if getattr(p, "region", "us-east-1") == self.region
              and self._get_param("Bucket") in (None, p.bucket)]
    return ActionResult({"AccessPointList": [
        {"Name": p.name, "NetworkOrigin": p.network_origin, "Bucket": p.bucket, "AccessPointArn": p.arn,
         "Alias": p.alias, **({"VpcConfiguration": {"VpcId": p.vpc_id}} if p.vpc_id else {})} for p in points]})


def age_secret(account_id, region, name, created_days_ago, accessed_days_ago=None, rotated_days_ago=None):
    """Make a secret ``created_days_ago`` old, last read and last rotated so
    many days ago (None: never); a rotating secret's next rotation then falls
    its rotation period after the last one, as if every rotation since failed
    (demo and tests: no API sets these dates)."""
    secret = secretsmanager_models.secretsmanager_backends[account_id][region].secrets[name]
    now = datetime.datetime.now(datetime.timezone.utc)
    secret.created_date = int((now - datetime.timedelta(days=created_days_ago)).timestamp())
    secret.last_accessed_date = None if accessed_days_ago is None else _midnight(
        now - datetime.timedelta(days=accessed_days_ago))
    if rotated_days_ago is not None:
        secret.last_rotation_date = int((now - datetime.timedelta(days=rotated_days_ago)).timestamp())
        secret.next_rotation_date = secret.last_rotation_date + secret.auto_rotate_after_days * DAY


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    backend = secretsmanager_models.SecretsManagerBackend
    backend.get_secret_value = _records_last_access(backend.get_secret_value)
    secretsmanager_models.FakeSecret.to_dict = _reports_last_access(secretsmanager_models.FakeSecret.to_dict)
    fsx_models.uuid4 = mock_random.uuid4
    s3_models.FakeBucket.__init__ = _owner_enforced_by_default(s3_models.FakeBucket.__init__)
    s3_responses.S3Response.get_bucket_replication = _get_bucket_replication
    s3_models.S3Backend.put_object_lock_configuration = _put_object_lock_configuration
    access_points = s3control_responses.S3ControlResponse
    access_points.create_access_point = _regional_access_point(access_points.create_access_point)
    access_points.list_access_points = _list_regional_access_points
    backup_responses.BackupResponse.list_recovery_points_by_backup_vault = _list_recovery_points_by_backup_vault
    backup_responses.BackupResponse.list_protected_resources = _list_protected_resources
    for path in ("{0}/backup-vaults/(?P<name>[^/]+)/recovery-points/$", "{0}/resources/?$"):
        backup_urls.url_paths[path] = backup_responses.BackupResponse.dispatch
    s3_responses.S3Response.get_bucket_notification = _reports_eventbridge(
        s3_responses.S3Response.get_bucket_notification)
    _applied = True
