"""The demo organization seeded into the embedded moto server.

Five accounts (management, log-archive, security, prod, dev) in an AWS
Organization with OUs, an audit role in each account, and resources in three
regions: some compliant, some deliberately not, so that the demo report shows
real passes and real failures. ``baselines/demo.yaml`` describes it.
"""

import contextlib
import datetime
import io
import json
import urllib.request
import zipfile
from unittest import mock

import boto3
from moto.organizations import utils as organization_utils
from moto.s3.models import s3_backends
from moto.utilities.utils import get_partition

from compliance.aws.endpoints import serve_s3control_from_custom_endpoints
from compliance.demo.certificates import make_ca
from compliance.demo.moto_patches import (
    age_user_credentials,
    aws_managed_policy,
    cloud_init_console,
    set_console_output,
    set_root_credentials,
    unique_fingerprints,
)

MANAGEMENT = "123456789012"  # moto's default account: the demo's starting identity
ACCOUNTS = [
    ("222233334444", "log-archive", "Security"),
    ("333344445555", "security", "Security"),
    ("444455556666", "prod", "Workloads"),
    ("555566667777", "dev", "Workloads"),
]
ACQUIRED = "666677778888"  # a standalone account not (yet) in the organization
IDS = {name: account_id for account_id, name, _ in ACCOUNTS} | {"management": MANAGEMENT, "acquired": ACQUIRED}
ORG_TRAIL_BUCKET = "demo-org-cloudtrail-archive"
DATA_EVENTS_BUCKET = "demo-org-data-events"
AUDIT_ROLE = "ComplianceAudit"
EXTERNAL_ID = "demo-external-id"
READ_ONLY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["*:Describe*", "*:Get*", "*:List*"], "Resource": "*"}],
}
STARTING_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "demo-starting-identity", "AWS_SECRET_ACCESS_KEY": "demo"}


class Seeder:
    """boto3 clients acting in any demo account (moto's account header)."""

    def __init__(self, url):
        self.url = url

    def client(self, service, account_id, region="us-east-1"):
        client = boto3.client(
            service, region_name=region, endpoint_url=self.url,
            aws_access_key_id="seed", aws_secret_access_key="seed",
        )
        client.meta.events.register(
            "before-sign", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account_id)
        )
        serve_s3control_from_custom_endpoints(client.meta.events)
        return client


@contextlib.contextmanager
def fixed_account_ids(ids):
    """Give accounts created in the organization the demo's fixed IDs."""
    queue = iter(ids)
    with mock.patch.object(organization_utils, "make_random_account_id", lambda: next(queue)):
        yield


def seed_organization(seeder):
    org = seeder.client("organizations", MANAGEMENT)
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ous = {}
    with fixed_account_ids(account_id for account_id, _, _ in ACCOUNTS):
        for account_id, name, ou_name in ACCOUNTS:
            if ou_name not in ous:
                ous[ou_name] = org.create_organizational_unit(ParentId=root, Name=ou_name)["OrganizationalUnit"]["Id"]
            org.create_account(AccountName=name, Email=f"aws+{name}@demo.example")
            org.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=ous[ou_name])
    org.enable_aws_service_access(ServicePrincipal="iam.amazonaws.com")  # centralized root access
    iam = seeder.client("iam", MANAGEMENT)
    iam.enable_organizations_root_credentials_management()
    iam.enable_organizations_root_sessions()
    # Guardrails on the Workloads OU only: the Security OU's accounts have none yet.
    org.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    guardrail = org.create_policy(Name="deny-leaving-and-blinding", Type="SERVICE_CONTROL_POLICY",
                                  Description="keep accounts in the organization and its logging on",
                                  Content=json.dumps({"Version": "2012-10-17", "Statement": [{
                                      "Effect": "Deny", "Resource": "*", "Action": [
                                          "organizations:LeaveOrganization", "cloudtrail:StopLogging",
                                          "cloudtrail:DeleteTrail", "guardduty:DeleteDetector"]}]}))
    org.attach_policy(PolicyId=guardrail["Policy"]["PolicySummary"]["Id"], TargetId=ous["Workloads"])


def seed_audit_roles(seeder, account_ids, trusted_account=MANAGEMENT, external_id=EXTERNAL_ID):
    trust = {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{trusted_account}:root"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": external_id}},
        }],
    }
    for account_id in account_ids:
        iam = seeder.client("iam", account_id)
        iam.create_role(RoleName=AUDIT_ROLE, AssumeRolePolicyDocument=json.dumps(trust))
        iam.put_role_policy(RoleName=AUDIT_ROLE, PolicyName="read-only", PolicyDocument=json.dumps(READ_ONLY))


def create_key(seeder, account_id, region, alias, rotation_days=None, **create):
    """A KMS key with an alias; rotation enabled when ``rotation_days`` is given."""
    kms = seeder.client("kms", account_id, region)
    key_id = kms.create_key(Description=alias, **create)["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key_id)
    if rotation_days:
        kms.enable_key_rotation(KeyId=key_id, RotationPeriodInDays=rotation_days)
    return key_id


def seed_kms(seeder):
    create_key(seeder, IDS["management"], "us-east-1", "org-trail", rotation_days=365)
    create_key(seeder, IDS["log-archive"], "us-east-1", "log-archive", rotation_days=365)
    create_key(seeder, IDS["log-archive"], "eu-west-1", "legacy-exports")  # violation: no rotation
    create_key(seeder, IDS["security"], "eu-central-1", "payments-imported", Origin="EXTERNAL")  # recorded manual rotation
    create_key(seeder, IDS["security"], "us-east-1", "partner-imported", Origin="EXTERNAL")  # violation: no record
    create_key(seeder, IDS["prod"], "eu-west-1", "orders", rotation_days=180)
    create_key(seeder, IDS["prod"], "eu-central-1", "reports", rotation_days=730)  # violation: period too long
    kms = seeder.client("kms", IDS["prod"], "us-east-1")
    kms.disable_key(KeyId=create_key(seeder, IDS["prod"], "us-east-1", "retired"))
    kms.schedule_key_deletion(KeyId=create_key(seeder, IDS["prod"], "us-east-1", "to-delete"), PendingWindowInDays=7)
    create_key(seeder, IDS["prod"], "us-east-1", "signing", KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    create_key(seeder, IDS["dev"], "eu-west-1", "scratch")  # violation: no rotation


STRONG_PASSWORDS = {"RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True, "RequireNumbers": True,
                    "RequireSymbols": True, "MaxPasswordAge": 90}
STRONG_PASSWORD_POLICY = {"MinimumPasswordLength": 14, "PasswordReusePrevention": 24, **STRONG_PASSWORDS}


def seed_password_policies(seeder):
    for name in ("management", "log-archive", "security"):
        seeder.client("iam", IDS[name]).update_account_password_policy(**STRONG_PASSWORD_POLICY)
    seeder.client("iam", IDS["prod"]).update_account_password_policy(  # violation: short, reusable
        MinimumPasswordLength=8, **STRONG_PASSWORDS)
    seeder.client("iam", IDS["acquired"]).update_account_password_policy(**STRONG_PASSWORD_POLICY)
    # dev: no password policy at all (violation)


def archive_bucket_policy(bucket, org_id, extra_statements=()):
    """TLS-only, CloudTrail-writable, organization-only bucket policy."""
    arn = f"arn:aws:s3:::{bucket}"
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "CloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": ["s3:GetBucketAcl", "s3:PutObject"], "Resource": [arn, f"{arn}/*"]},
        {"Sid": "OrganizationRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": f"{arn}/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": org_id}}},
        *extra_statements,
    ]})


def create_bucket(seeder, account_id, name, region="us-east-1", object_lock=False, versioning=None,
                  mfa_delete=None, tags=None):
    s3 = seeder.client("s3", account_id, region)
    create = {"Bucket": name, "ObjectLockEnabledForBucket": object_lock}
    if region != "us-east-1":
        create["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**create)
    if versioning:
        set_versioning(s3, name, versioning, mfa_delete)
    if tags:
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]})
    return s3


def set_versioning(s3, bucket, status, mfa_delete=None):
    """Versioning ``status`` and, when given, MFA Delete (which S3 changes only with the root user's MFA code)."""
    config = {"Status": status, **({"MFADelete": mfa_delete} if mfa_delete else {})}
    mfa = {"MFA": "demo 123456"} if mfa_delete else {}
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration=config, **mfa)


BLOCK_ALL_PUBLIC_ACCESS = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                           "RestrictPublicBuckets": True}


def harden_bucket(s3, bucket, log_bucket, key="alias/aws/s3", mfa_delete=None):
    """Versioning (with MFA Delete when asked), default encryption with a KMS
    key, and server access logs to ``log_bucket``."""
    set_versioning(s3, bucket, "Enabled", mfa_delete)
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    s3.put_bucket_logging(Bucket=bucket, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": log_bucket, "TargetPrefix": f"{bucket}/"}})


def create_log_bucket(seeder, account_id, name):
    """A bucket that S3 server access logs may be delivered to, over TLS only."""
    logs = create_bucket(seeder, account_id, name)
    logs.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "S3ServerAccessLogs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"},
        "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{name}/*"},
        *json.loads(tls_only_policy(name))["Statement"]]}))


def create_archive_bucket(seeder, account_id, name, org_id, log_bucket, mode="COMPLIANCE", days=400):
    """A compliant CloudTrail archive: Object Lock, versioning with MFA Delete,
    Block Public Access, TLS-only organization-only policy, access logging."""
    archive = create_bucket(seeder, account_id, name, object_lock=True, versioning="Enabled", mfa_delete="Enabled")
    archive.put_object_lock_configuration(Bucket=name, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": mode, "Days": days}}})
    archive.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=BLOCK_ALL_PUBLIC_ACCESS)
    archive.put_bucket_policy(Bucket=name, Policy=archive_bucket_policy(name, org_id))
    archive.put_bucket_logging(Bucket=name, BucketLoggingStatus={"LoggingEnabled": {
        "TargetBucket": log_bucket, "TargetPrefix": f"{name}/"}})
    return archive


def write_digests(seeder, bucket_owner, bucket, org_id, account_id, trail_name, hours=30, missing=(),
                  region="us-east-1"):
    """The digest files CloudTrail writes each hour for an organization trail
    (home region ``region``) and one account, for the last ``hours`` hours,
    except the hours ago listed in ``missing``. Written into moto's store as
    CloudTrail's service principal delivers them, past the bucket's TLS-only
    policy that the seeder's plain-HTTP requests would meet."""
    store = s3_backends[bucket_owner][get_partition("us-east-1")]
    now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
    for hours_ago in range(hours):
        if hours_ago in missing:
            continue
        end = now - datetime.timedelta(hours=hours_ago)
        store.put_object(bucket, value=b"{}", key_name=(
            f"AWSLogs/{org_id}/{account_id}/CloudTrail-Digest/{region}/{end:%Y/%m/%d}/"
            f"{account_id}_CloudTrail-Digest_{region}_{trail_name}_{region}_{end:%Y%m%dT%H%M%SZ}.json.gz"))


def create_organization_trail(seeder, name, bucket, key_arn=None, multi_region=True, validation=True, logging=True,
                              log_group=None):
    trails = seeder.client("cloudtrail", MANAGEMENT)
    create = {"Name": name, "S3BucketName": bucket, "IsOrganizationTrail": True,
              "IsMultiRegionTrail": multi_region, "EnableLogFileValidation": validation}
    if log_group:
        seeder.client("logs", MANAGEMENT).create_log_group(logGroupName=log_group)
        create.update(CloudWatchLogsLogGroupArn=f"arn:aws:logs:us-east-1:{MANAGEMENT}:log-group:{log_group}:*",
                      CloudWatchLogsRoleArn=f"arn:aws:iam::{MANAGEMENT}:role/CloudTrailToCloudWatch")
    if key_arn:
        create["KmsKeyId"] = key_arn
    trails.create_trail(**create)
    if logging:
        trails.start_logging(Name=name)
    return trails


def alert_on(seeder, account_id, region, log_group, control_ids, subscriber="secops@example.com"):
    """For each monitoring control: a metric filter on ``log_group`` with its
    pattern, and an alarm on the metric notifying an SNS topic (subscribed by
    ``subscriber`` unless None). Returns the topic ARN."""
    from controls.monitoring.monitors import pattern  # the demo seeds what the controls require

    sns = seeder.client("sns", account_id, region)
    topic = sns.create_topic(Name="security-alarms")["TopicArn"]
    if subscriber:
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint=subscriber)
    logs, cloudwatch = seeder.client("logs", account_id, region), seeder.client("cloudwatch", account_id, region)
    for control_id in control_ids:
        logs.put_metric_filter(logGroupName=log_group, filterName=control_id, filterPattern=pattern(control_id),
                               metricTransformations=[{"metricName": control_id, "metricNamespace": "CISBenchmark",
                                                       "metricValue": "1"}])
        cloudwatch.put_metric_alarm(AlarmName=control_id, MetricName=control_id, Namespace="CISBenchmark",
                                    Statistic="Sum", Period=300, Threshold=1, EvaluationPeriods=1,
                                    ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])
    return topic


def trail_to_cloudwatch(seeder, account_id, name, bucket, region="us-east-1"):
    """A logging multi-region trail in ``account_id`` that also sends its events
    to a CloudWatch Logs group; returns the group's name."""
    logs = seeder.client("logs", account_id, region)
    group = f"/aws/cloudtrail/{name}"
    logs.create_log_group(logGroupName=group)
    create_bucket(seeder, account_id, bucket, region=region)
    trails = seeder.client("cloudtrail", account_id, region)
    trails.create_trail(Name=name, S3BucketName=bucket, IsMultiRegionTrail=True,
                        CloudWatchLogsLogGroupArn=f"arn:aws:logs:{region}:{account_id}:log-group:{group}:*",
                        CloudWatchLogsRoleArn=f"arn:aws:iam::{account_id}:role/CloudTrailToCloudWatch")
    trails.start_logging(Name=name)
    return group


def enable_config(seeder, account_id, region):
    """An AWS Config recorder of every supported resource type, delivering to a bucket, started."""
    config = seeder.client("config", account_id, region)
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default",
        "roleARN": f"arn:aws:iam::{account_id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": region == "us-east-1"}})
    bucket = f"config-{account_id}-{region}"
    create_bucket(seeder, account_id, bucket, region=region)
    config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": bucket})
    config.start_configuration_recorder(ConfigurationRecorderName="default")


def enable_security_hub(seeder, account_id, region,
                        standards=("cis-aws-foundations-benchmark/v/3.0.0", "pci-dss/v/4.0.1")):
    hub = seeder.client("securityhub", account_id, region)
    hub.enable_security_hub(EnableDefaultStandards=False)
    hub.batch_enable_standards(StandardsSubscriptionRequests=[
        {"StandardsArn": f"arn:aws:securityhub:{region}::standards/{standard}"} for standard in standards])


def organization_id(seeder):
    return seeder.client("organizations", MANAGEMENT).describe_organization()["Organization"]["Id"]


def seed_cloudtrail(seeder):
    """Two organization trails delivering to the log-archive account: the main
    one (compliant, with a compliant archive, its events alarmed on in
    CloudWatch, Insights on call rates but not error rates) and an S3 data-events trail (us-east-1 only) whose bucket lacks Object Lock."""
    create_log_bucket(seeder, IDS["log-archive"], "demo-org-access-logs")
    create_archive_bucket(seeder, IDS["log-archive"], ORG_TRAIL_BUCKET, organization_id(seeder), "demo-org-access-logs")

    # Violations: no Object Lock, no TLS-only policy, an outside auditor can read, no MFA Delete.
    data = create_bucket(seeder, IDS["log-archive"], DATA_EVENTS_BUCKET, versioning="Enabled")
    data.put_bucket_policy(Bucket=DATA_EVENTS_BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "ExternalAuditorRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
         "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{DATA_EVENTS_BUCKET}/*"}]}))

    key_arn = seeder.client("kms", MANAGEMENT).describe_key(KeyId="alias/org-trail")["KeyMetadata"]["Arn"]
    trails = create_organization_trail(seeder, "org-trail", ORG_TRAIL_BUCKET, key_arn, log_group="/demo/org-trail")
    trails.put_insight_selectors(TrailName="org-trail", InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
    # Alarms for every monitoring control but SAML provider changes, which only the acquired account watches (below).
    from controls.monitoring.monitors import MONITORS  # the demo seeds what the controls require
    for account_id in (MANAGEMENT, *(IDS[name] for name in ("log-archive", "security", "prod"))):
        write_digests(seeder, IDS["log-archive"], ORG_TRAIL_BUCKET, organization_id(seeder), account_id, "org-trail")
    write_digests(seeder, IDS["log-archive"], ORG_TRAIL_BUCKET, organization_id(seeder), IDS["dev"], "org-trail",
                  missing=range(3, 9))  # six hours of dev's digests are gone
    topic = alert_on(seeder, MANAGEMENT, "us-east-1", "/demo/org-trail", [m for m in MONITORS if "saml" not in m])
    events = seeder.client("events", MANAGEMENT)  # and an EventBridge rule on tampering with the trail
    events.put_rule(Name="cloudtrail-tampering", EventPattern=json.dumps({
        "source": ["aws.cloudtrail"], "detail-type": ["AWS API Call via CloudTrail"],
        "detail": {"eventName": ["StopLogging", "UpdateTrail", "DeleteTrail"]}}))
    events.put_targets(Rule="cloudtrail-tampering", Targets=[{"Id": "security-alarms", "Arn": topic}])
    trails = create_organization_trail(seeder, "org-data-events", DATA_EVENTS_BUCKET, multi_region=False,
                                       validation=False)
    trails.put_event_selectors(TrailName="org-data-events", EventSelectors=[{
        "ReadWriteType": "All", "IncludeManagementEvents": False,
        "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    # The acquired account keeps its own multi-region trail, S3 data events
    # included. It also reaches CloudWatch Logs, where the account's team alarms
    # on changes to the SAML provider it signs in through, and on nothing else.
    group = trail_to_cloudwatch(seeder, ACQUIRED, "acquired-trail", "acquired-cloudtrail")
    acquired_bucket = seeder.client("s3", ACQUIRED)
    acquired_bucket.put_bucket_policy(Bucket="acquired-cloudtrail", Policy=tls_only_policy("acquired-cloudtrail"))
    seeder.client("s3control", ACQUIRED).put_public_access_block(
        AccountId=ACQUIRED, PublicAccessBlockConfiguration=BLOCK_ALL_PUBLIC_ACCESS)
    create_log_bucket(seeder, ACQUIRED, "acquired-access-logs")
    for bucket in ("acquired-access-logs", "acquired-cloudtrail"):  # blocked, logged, KMS-encrypted, MFA Delete
        acquired_bucket.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=BLOCK_ALL_PUBLIC_ACCESS)
        harden_bucket(acquired_bucket, bucket, "acquired-access-logs", mfa_delete="Enabled")
    seeder.client("cloudtrail", ACQUIRED).put_event_selectors(TrailName="acquired-trail", EventSelectors=[{
        "ReadWriteType": "All", "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    alert_on(seeder, ACQUIRED, "us-east-1", group, ["monitor-saml-provider-changes"],
             subscriber="it@acquired.example.com")


def seed_archive_buckets(seeder):
    """Archive buckets chosen by the demo baseline's selectors."""
    create_bucket(seeder, IDS["prod"], "prod-backups-archive", "eu-west-1", versioning="Enabled", mfa_delete="Enabled",
                  tags={"environment": "production"})
    findings = create_bucket(seeder, IDS["security"], "security-findings-archive", versioning="Enabled",
                             mfa_delete="Enabled")
    findings.put_bucket_lifecycle_configuration(Bucket="security-findings-archive", LifecycleConfiguration={"Rules": [{
        "ID": "expire-old-versions", "Status": "Enabled", "Filter": {"Prefix": ""},
        "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}]})  # violation: conflicts with MFA Delete
    create_bucket(seeder, IDS["dev"], "dev-exports", "eu-central-1", versioning="Suspended",
                  tags={"retention": "archive"})  # violation: tagged archive, versioning suspended
    # not an archive; holds a copy of production data (tagged so), which dev should not
    create_bucket(seeder, IDS["dev"], "dev-scratch", "eu-central-1", tags={"environment": "prod"})


def create_database(seeder, account_id, region, name, ca, engine="postgres", cluster=None, **options):
    rds = seeder.client("rds", account_id, region)
    create = {"DBInstanceIdentifier": name, "Engine": engine, "DBInstanceClass": "db.t3.medium",
              "CACertificateIdentifier": ca, "StorageEncrypted": True, **options}
    if cluster:
        create["DBClusterIdentifier"] = cluster
    else:
        create = {"MasterUsername": "admin", "MasterUserPassword": "demo-password-1", "AllocatedStorage": 20, **create}
    rds.create_db_instance(**create)


def seed_rds(seeder):
    """prod's orders database is Multi-AZ, its ledger cluster has one instance
    on a retired CA; dev's database is public, unencrypted, single-AZ and
    pinned to its minor version."""
    create_database(seeder, IDS["prod"], "eu-west-1", "orders-db", "rds-ca-rsa2048-g1", MultiAZ=True)
    rds = seeder.client("rds", IDS["prod"], "us-east-1")
    rds.create_db_cluster(DBClusterIdentifier="ledger", Engine="aurora-postgresql", MasterUsername="admin",
                          MasterUserPassword="demo-password-1", StorageEncrypted=True)
    create_database(seeder, IDS["prod"], "us-east-1", "ledger-1", "rds-ca-2019", "aurora-postgresql", "ledger")  # retired
    # CA not in the bundle, public and unencrypted; its snapshot restorable by anyone.
    create_database(seeder, IDS["dev"], "eu-central-1", "dev-db", "rds-ca-ecc384-g1", "mysql",
                    PubliclyAccessible=True, StorageEncrypted=False, AutoMinorVersionUpgrade=False)
    share_snapshot(seeder, IDS["dev"], "eu-central-1", "dev-db", "all")
    share_snapshot(seeder, IDS["prod"], "eu-west-1", "orders-db", IDS["security"])  # named account: not public


def vault(seeder, account_id, region, name, archives=1, lock=None):
    """A Glacier vault with ``archives`` archives and a vault lock that is
    None, "InProgress" or "Locked" (its policy denies deletes for a year)."""
    glacier = seeder.client("glacier", account_id, region)
    glacier.create_vault(vaultName=name)
    for number in range(archives):
        glacier.upload_archive(vaultName=name, body=f"{name} archive {number}".encode())
    if lock:
        arn = f"arn:aws:glacier:{region}:{account_id}:vaults/{name}"
        policy = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "no-deletes-for-a-year", "Effect": "Deny", "Principal": "*", "Action": "glacier:DeleteArchive",
            "Resource": arn, "Condition": {"NumericLessThan": {"glacier:ArchiveAgeInDays": "365"}}}]})
        lock_id = glacier.initiate_vault_lock(vaultName=name, policy={"Policy": policy})["lockId"]
        if lock == "Locked":
            glacier.complete_vault_lock(vaultName=name, lockId=lock_id)


def seed_file_systems(seeder):
    """prod keeps uploads on an encrypted EFS file system; dev's scratch space
    is not encrypted. security keeps incident evidence in a locked Glacier
    vault; dev's old backups sit in a vault without a lock."""
    seeder.client("efs", IDS["prod"], "eu-west-1").create_file_system(CreationToken="uploads", Encrypted=True)
    seeder.client("efs", IDS["dev"], "eu-central-1").create_file_system(CreationToken="scratch")
    vault(seeder, IDS["security"], "eu-west-1", "incident-evidence", archives=2, lock="Locked")
    vault(seeder, IDS["dev"], "eu-central-1", "old-backups")


def share_snapshot(seeder, account_id, region, database, restorable_by):
    """A manual snapshot of ``database`` that ``restorable_by`` (an account ID, or all) may restore."""
    rds = seeder.client("rds", account_id, region)
    rds.create_db_snapshot(DBInstanceIdentifier=database, DBSnapshotIdentifier=f"{database}-snapshot")
    rds.modify_db_snapshot_attribute(DBSnapshotIdentifier=f"{database}-snapshot", AttributeName="restore",
                                     ValuesToAdd=[restorable_by])


COMPROMISED_FINGERPRINT = "SHA256:demo0compromised0host0key0from0a0public0leak00"


LINUX_AMI = "ami-760aaa0f"  # Amazon Linux in moto's image catalog
WINDOWS_AMI = "ami-12c6146b"  # Windows Server in moto's image catalog


def instance_profile(seeder, account_id, name):
    """An instance profile holding a role EC2 may assume; returns its name."""
    iam = seeder.client("iam", account_id)
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
    iam.create_instance_profile(InstanceProfileName=name)
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
    return name


def private_interface(ec2):
    """A primary network interface in the region's first default subnet, without a public address."""
    subnet = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"][0]
    return {"DeviceIndex": 0, "SubnetId": subnet["SubnetId"], "AssociatePublicIpAddress": False}


def launch(seeder, account_id, region, count=1, image=LINUX_AMI, **options):
    ec2 = seeder.client("ec2", account_id, region)
    reservation = ec2.run_instances(ImageId=image, MinCount=count, MaxCount=count, InstanceType="t3.micro", **options)
    return [i["InstanceId"] for i in reservation["Instances"]]


def seed_ec2(seeder):
    """Unique host keys almost everywhere; two prod clones sharing keys; one
    security instance with a known-compromised key. Only log-archive's
    instance requires IMDSv2, has an instance role and no public address;
    one of the prod clones has a second network interface. dev's instance in
    us-east-1 starts with an AWS access key in its user data."""
    launch(seeder, IDS["dev"], "us-east-1",
           UserData="#!/bin/bash\naws configure set aws_access_key_id AKIA" + "DEMO0LEAKED0KEY0\n")
    launch(seeder, IDS["log-archive"], "eu-west-1", MetadataOptions={"HttpTokens": "required"},
           IamInstanceProfile={"Name": instance_profile(seeder, IDS["log-archive"], "log-shipper")},
           NetworkInterfaces=[private_interface(seeder.client("ec2", IDS["log-archive"], "eu-west-1"))],
           UserData="#!/bin/bash\nsystemctl enable --now log-shipper\n")
    launch(seeder, IDS["dev"], "eu-west-1", image=WINDOWS_AMI)  # no SSH host keys to judge
    clone_keys = unique_fingerprints("golden-image-with-baked-keys")
    for instance_id in launch(seeder, IDS["prod"], "eu-west-1", count=2):
        set_console_output(IDS["prod"], "eu-west-1", instance_id, cloud_init_console(clone_keys))
    prod = seeder.client("ec2", IDS["prod"], "eu-west-1")
    bridge = prod.create_network_interface(SubnetId=private_interface(prod)["SubnetId"])["NetworkInterface"]
    prod.attach_network_interface(NetworkInterfaceId=bridge["NetworkInterfaceId"], InstanceId=instance_id,
                                  DeviceIndex=1)
    (bastion,) = launch(seeder, IDS["security"], "eu-central-1")
    leaked = {**unique_fingerprints(bastion), "RSA": COMPROMISED_FINGERPRINT}
    set_console_output(IDS["security"], "eu-central-1", bastion, cloud_init_console(leaked))


def open_policy(action, resource, condition=None, principal="*"):
    """A one-statement policy opening ``action`` to ``principal`` (under ``condition``)."""
    statement = {"Sid": "Open", "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    return json.dumps({"Version": "2012-10-17",
                       "Statement": [statement | ({"Condition": condition} if condition else {})]})


TRUSTED_VENDOR = "464622532012"  # baselines/demo.yaml trusts it
UNKNOWN_PARTNER = "999988887777"


def shared_queue(seeder, account, name, policy_of):
    """A queue of ``account`` in eu-west-1 whose policy ``policy_of(queue ARN)`` gives."""
    sqs = seeder.client("sqs", account, "eu-west-1")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": policy_of(arn)})


def seed_resource_policies(seeder):
    """prod shares queues within the organization only, with the trusted
    vendor, and with its own topics (any topic of prod); dev shares one with
    a partner the baseline does not trust, and its alerts topic takes messages
    from anyone; a bucket policy opened to everyone is kept unreachable by the
    security account's RestrictPublicBuckets."""
    org_only = {"StringEquals": {"aws:PrincipalOrgID": organization_id(seeder)}}
    shared_queue(seeder, IDS["prod"], "orders", lambda arn: open_policy("sqs:SendMessage", arn, org_only))
    shared_queue(seeder, IDS["prod"], "vendor-feed", lambda arn: open_policy(
        "sqs:SendMessage", arn, principal={"AWS": f"arn:aws:iam::{TRUSTED_VENDOR}:root"}))
    shared_queue(seeder, IDS["prod"], "order-events", lambda arn: open_policy(
        "sqs:SendMessage", arn, {"ArnLike": {"aws:SourceArn": f"arn:aws:sns:*:{IDS['prod']}:*"}}))
    shared_queue(seeder, IDS["dev"], "partner-inbox", lambda arn: open_policy(
        "sqs:SendMessage", arn, principal={"AWS": f"arn:aws:iam::{UNKNOWN_PARTNER}:root"}))
    sns = seeder.client("sns", IDS["dev"], "us-east-1")
    topic = sns.create_topic(Name="build-alerts")["TopicArn"]
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=open_policy("sns:Publish", topic))
    create_bucket(seeder, IDS["security"], "security-public-reports")
    seeder.client("s3", IDS["security"]).put_bucket_policy(
        Bucket="security-public-reports",
        Policy=open_policy("s3:GetObject", "arn:aws:s3:::security-public-reports/*"))
    seeder.client("s3control", IDS["security"]).put_public_access_block(
        AccountId=IDS["security"], PublicAccessBlockConfiguration={"RestrictPublicBuckets": True})


DEMO_REGIONS = ("us-east-1", "eu-west-1", "eu-central-1")  # as baselines/demo.yaml


def close_default_network(ec2):
    """Strip every rule from the region's default security groups and every
    allow entry from its default network ACLs (AWS creates both open)."""
    for group in ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]:
        if group["IpPermissions"]:
            ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
        if group["IpPermissionsEgress"]:
            ec2.revoke_security_group_egress(GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"])
    for acl in ec2.describe_network_acls()["NetworkAcls"]:
        for entry in acl["Entries"]:
            if entry["RuleAction"] == "allow":
                ec2.delete_network_acl_entry(NetworkAclId=acl["NetworkAclId"], RuleNumber=entry["RuleNumber"],
                                             Egress=entry["Egress"])


def tls_only_policy(bucket):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def harden_region(seeder, account_id, region, flow_log_bucket):
    """Closed default network, EBS encryption by default, flow logs on every
    VPC, AWS Config recording, a GuardDuty detector, Macie, Security Hub and
    Inspector scanning EC2."""
    enable_config(seeder, account_id, region)
    seeder.client("guardduty", account_id, region).create_detector(Enable=True)
    seeder.client("macie2", account_id, region).enable_macie()
    seeder.client("inspector2", account_id, region).enable(accountIds=[account_id], resourceTypes=["EC2"])
    enable_security_hub(seeder, account_id, region)
    ec2 = seeder.client("ec2", account_id, region)
    close_default_network(ec2)
    ec2.enable_ebs_encryption_by_default()
    ec2.create_flow_logs(ResourceType="VPC", ResourceIds=[v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]],
                         TrafficType="ALL", LogDestinationType="s3", LogDestination=f"arn:aws:s3:::{flow_log_bucket}")


def no_op_handler():
    """The deployment package of a Python function that does nothing (handler.handler)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


def create_function(seeder, account_id, region, name, **options):
    """A Lambda function (Python, a no-op handler) with its execution role and
    ``options`` (Environment...); returns the function's client."""
    role = seeder.client("iam", account_id).create_role(
        RoleName=f"{name}-execution", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))
    functions = seeder.client("lambda", account_id, region)
    functions.create_function(FunctionName=name, Runtime="python3.12", Role=role["Role"]["Arn"],
                              Handler="handler.handler", Code={"ZipFile": no_op_handler()}, **options)
    return functions


def web_acl(seeder, account_id, region, scope="REGIONAL"):
    """An AWS WAF web ACL allowing by default (its rules are not judged); returns its ARN."""
    return seeder.client("wafv2", account_id, region).create_web_acl(
        Name="web", Scope=scope, DefaultAction={"Allow": {}}, VisibilityConfig={
            "SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "web"})["Summary"]["ARN"]


def load_balancer(seeder, account_id, region, name, scheme="internet-facing", acl_arn=None, access_logs=None):
    """An Application Load Balancer in a new VPC, behind ``acl_arn`` and
    logging to the bucket ``access_logs`` when given; returns its ARN."""
    ec2 = seeder.client("ec2", account_id, region)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{n}.0/24", AvailabilityZone=f"{region}{zone}")
               ["Subnet"]["SubnetId"] for n, zone in ((1, "a"), (2, "b"))]
    arn = seeder.client("elbv2", account_id, region).create_load_balancer(
        Name=name, Subnets=subnets, Scheme=scheme, Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    if acl_arn:
        seeder.client("wafv2", account_id, region).associate_web_acl(WebACLArn=acl_arn, ResourceArn=arn)
    if access_logs:
        seeder.client("elbv2", account_id, region).modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": access_logs}])
    return arn


def distribution(seeder, account_id, origin, acl_arn="", log_bucket=None):
    """A CloudFront distribution in front of ``origin``, logging (legacy
    standard logging) to ``log_bucket`` when given; returns its ARN."""
    logging = {"Enabled": bool(log_bucket), "IncludeCookies": False, "Bucket": f"{log_bucket or ''}.s3.amazonaws.com",
               "Prefix": "cloudfront/"}
    return seeder.client("cloudfront", account_id).create_distribution(DistributionConfig={
        "CallerReference": origin, "Comment": "", "Enabled": True, "WebACLId": acl_arn, "Logging": logging,
        "Origins": {"Quantity": 1, "Items": [{"Id": "origin", "DomainName": origin, "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "origin", "ViewerProtocolPolicy": "redirect-to-https",
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "MinTTL": 0}})["Distribution"]["ARN"]


def seed_edge(seeder):
    """prod's shop is behind AWS WAF at its load balancer and its CloudFront
    distribution, both writing access logs; dev's preview site has neither."""
    load_balancer(seeder, IDS["prod"], "eu-west-1", "shop", acl_arn=web_acl(seeder, IDS["prod"], "eu-west-1"),
                  access_logs="prod-access-logs")
    distribution(seeder, IDS["prod"], "shop.example.com", web_acl(seeder, IDS["prod"], "us-east-1", "CLOUDFRONT"),
                 log_bucket="prod-access-logs")
    load_balancer(seeder, IDS["dev"], "us-east-1", "preview")
    distribution(seeder, IDS["dev"], "preview.example.com")


def seed_account_hygiene(seeder):
    """Every account but dev and the acquired one registers a security contact
    and keeps an AWS Support role. dev gives its console user CloudShell full
    access directly, and keeps an expired web certificate in IAM; prod's is current."""
    for name in ("management", "log-archive", "security", "prod"):
        account_id = IDS[name]
        seeder.client("account", account_id).put_alternate_contact(
            AlternateContactType="SECURITY", Name="Security operations", Title="On call",
            EmailAddress="security@example.com", PhoneNumber="+44 20 7946 0000")
        iam = seeder.client("iam", account_id)
        iam.create_role(RoleName="aws-support", AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                    "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"}}]}))
        iam.attach_role_policy(RoleName="aws-support", PolicyArn=aws_managed_policy(account_id, "AWSSupportAccess"))
    dev = seeder.client("iam", IDS["dev"])
    dev.attach_user_policy(UserName="alice", PolicyArn=aws_managed_policy(IDS["dev"], "AWSCloudShellFullAccess"))
    for iam, name, until in ((dev, "legacy-www", datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc)),
                             (seeder.client("iam", IDS["prod"]), "www",
                              datetime.datetime(2040, 1, 1, tzinfo=datetime.timezone.utc))):
        iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=make_ca(name, until).decode(),
                                      PrivateKey="demo: not a real key")


def seed_admin_policies(seeder):
    """dev attaches a policy allowing everything to its CI role, which anyone
    in dev may assume without MFA; prod's deploy role gets a scoped one."""
    for account, name, action in ((IDS["dev"], "ci-everything", "*"), (IDS["prod"], "deploy-s3", "s3:*")):
        iam = seeder.client("iam", account)
        arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": action, "Resource": "*"}]}))["Policy"]["Arn"]
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}]}))
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)


def seed_root_users():
    """The management account's root user has hardware MFA; the members' root
    credentials were removed (centralized root access) except dev's, which
    uses a virtual MFA device; the acquired account's root has a password and
    an access key and no MFA."""
    set_root_credentials(MANAGEMENT, mfa="hardware")
    for name in ("log-archive", "security", "prod"):
        set_root_credentials(IDS[name], password=False)
    set_root_credentials(IDS["dev"], mfa="virtual")
    set_root_credentials(ACQUIRED, access_key=True, last_used=datetime.datetime.now(datetime.timezone.utc))


def enable_virtual_mfa(iam, user):
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=user)["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(UserName=user, SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321")


def seed_iam_users(seeder):
    """prod's deploy user has MFA and one fresh key in daily use; dev has a console
    user without MFA holding a key it never used, and a CI user with two keys
    120 days old, idle for 60 days."""
    iam = seeder.client("iam", IDS["prod"])
    iam.create_user(UserName="deployer")
    iam.create_access_key(UserName="deployer")
    enable_virtual_mfa(iam, "deployer")
    age_user_credentials(IDS["prod"], "deployer", days=30, key_used_days_ago=0)
    iam = seeder.client("iam", IDS["dev"])
    iam.create_user(UserName="alice")
    iam.create_login_profile(UserName="alice", Password="Demo-password-123!")
    iam.create_access_key(UserName="alice")
    iam.create_user(UserName="ci")
    for _ in range(2):
        iam.create_access_key(UserName="ci")
    age_user_credentials(IDS["dev"], "ci", days=120, key_used_days_ago=60)


def peer_vpcs(seeder, account_id, region, route):
    """Two new VPCs (10.1.0.0/16 and 10.2.0.0/16), peered, the first routing ``route`` to the second."""
    ec2 = seeder.client("ec2", account_id, region)
    first, second = (ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"] for cidr in ("10.1.0.0/16", "10.2.0.0/16"))
    pcx = ec2.create_vpc_peering_connection(VpcId=first, PeerVpcId=second)["VpcPeeringConnection"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx["VpcPeeringConnectionId"])
    table = ec2.create_route_table(VpcId=first)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock=route,
                     VpcPeeringConnectionId=pcx["VpcPeeringConnectionId"])


def seed_network(seeder):
    """Every account but dev and the acquired one hardens its regions; those
    keep AWS's defaults, and dev opens SSH and SMB to the internet, routes
    everything to a peered VPC and shares a disk snapshot with everyone in
    eu-west-1. prod peers two VPCs through one subnet route. The security
    account administers GuardDuty and Access Analyzer and aggregates AWS
    Config, all in two of the three regions."""
    seeder.client("organizations", MANAGEMENT).put_resource_policy(Content=json.dumps({  # SCPs written there
        "Version": "2012-10-17", "Statement": [{
            "Sid": "SecurityAccountManagesPolicies", "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{IDS['security']}:root"}, "Resource": "*", "Action": [
                "organizations:CreatePolicy", "organizations:UpdatePolicy", "organizations:DeletePolicy",
                "organizations:AttachPolicy", "organizations:DetachPolicy", "organizations:Describe*",
                "organizations:List*"]}]}))
    for service in ("access-analyzer", "guardduty", "securityhub"):  # not yet Config and Inspector
        seeder.client("organizations", MANAGEMENT).register_delegated_administrator(
            AccountId=IDS["security"], ServicePrincipal=f"{service}.amazonaws.com")
    for region in ("us-east-1", "eu-west-1"):  # not yet eu-central-1
        seeder.client("guardduty", MANAGEMENT, region).enable_organization_admin_account(AdminAccountId=IDS["security"])
        seeder.client("accessanalyzer", IDS["security"], region).create_analyzer(
            analyzerName="organization", type="ORGANIZATION")
    seeder.client("config", IDS["security"]).put_configuration_aggregator(
        ConfigurationAggregatorName="organization", OrganizationAggregationSource={
            "RoleArn": f"arn:aws:iam::{IDS['security']}:role/config-aggregation",
            "AwsRegions": ["us-east-1", "eu-west-1"]})
    peer_vpcs(seeder, IDS["prod"], "us-east-1", "10.2.8.0/24")  # the shared-services subnet only
    peer_vpcs(seeder, IDS["dev"], "eu-west-1", "0.0.0.0/0")
    for name in ("management", "log-archive", "security", "prod"):
        bucket = f"demo-flow-logs-{IDS[name]}"
        create_bucket(seeder, IDS[name], bucket).put_bucket_policy(Bucket=bucket, Policy=tls_only_policy(bucket))
        for region in DEMO_REGIONS:
            harden_region(seeder, IDS[name], region, bucket)
    for region in DEMO_REGIONS:  # only the security account's detectors watch S3 and RDS logins
        guardduty = seeder.client("guardduty", IDS["security"], region)
        for detector in guardduty.list_detectors()["DetectorIds"]:
            guardduty.update_detector(DetectorId=detector, Features=[
                {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}, {"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"}])
    ec2 = seeder.client("ec2", IDS["dev"], "eu-west-1")
    vpc_id = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="jump-host", Description="SSH from anywhere", VpcId=vpc_id)
    ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    shares = ec2.create_security_group(GroupName="file-shares", Description="SMB from anywhere", VpcId=vpc_id)
    ec2.authorize_security_group_ingress(GroupId=shares["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 445, "ToPort": 445, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    reporting = ec2.create_security_group(GroupName="reporting-db", Description="PostgreSQL from anywhere",
                                          VpcId=vpc_id)
    ec2.authorize_security_group_ingress(GroupId=reporting["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
    prod = seeder.client("ec2", IDS["prod"], "eu-west-1")
    storefront = prod.create_security_group(GroupName="storefront", Description="HTTPS from anywhere",
                                            VpcId=prod.describe_vpcs()["Vpcs"][0]["VpcId"])
    prod.authorize_security_group_ingress(GroupId=storefront["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
         "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
    volume = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=8)["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume, Description="build cache")["SnapshotId"]
    ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add",
                                  GroupNames=["all"])


RANDOM_SEED = 2026  # moto's resource IDs come from its random generator, seeded with this


def seed(url):
    """Seed the whole demo organization into the moto server at ``url``,
    with the same resource IDs on every run, so that two demo runs compare
    resource by resource."""
    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/seed?a={RANDOM_SEED}", method="POST")).close()
    seeder = Seeder(url)
    seed_organization(seeder)
    seed_audit_roles(seeder, sorted(IDS.values()))
    seed_kms(seeder)
    seed_password_policies(seeder)
    seed_cloudtrail(seeder)
    seed_archive_buckets(seeder)
    seed_rds(seeder)
    seed_file_systems(seeder)
    seed_ec2(seeder)
    seed_resource_policies(seeder)
    seed_edge(seeder)  # before seed_network, which hardens the new VPCs
    seed_network(seeder)
    seed_root_users()
    seed_iam_users(seeder)
    seed_account_hygiene(seeder)
    seed_admin_policies(seeder)
    create_function(seeder, MANAGEMENT, "us-east-1", "billing-export")  # a workload in the management account
    from compliance.demo.stored_values import seed_stored_values  # it builds on this module's helpers
    seed_stored_values(seeder)
    from compliance.demo.seed_compute import seed_compute  # it builds on this module's helpers
    seed_compute(seeder)
    from compliance.demo.seed_data import seed_data  # it builds on this module's helpers
    seed_data(seeder)
    from compliance.demo.seed_edge_services import seed_edge_services  # it builds on this module's helpers
    seed_edge_services(seeder)
    from compliance.demo.seed_apps import seed_apps  # it builds on this module's helpers
    seed_apps(seeder)
    from compliance.demo.seed_databases import seed_databases  # it builds on this module's helpers
    seed_databases(seeder)
    from compliance.demo.seed_storage import seed_storage  # it builds on this module's helpers
    seed_storage(seeder)  # last: it backs up what the others made
    for account_id in sorted(IDS.values()):  # moto makes each default VPC when first asked: make them all now,
        for region in DEMO_REGIONS:          # in order, so their IDs too are the same on every run
            seeder.client("ec2", account_id, region).describe_vpcs()
