"""The demo's storage, backup and service-configuration resources: prod's
comply, dev's break each rule once."""

import json

from compliance.demo.moto_storage import add_recovery_point, age_secret
from compliance.demo.organization import ACQUIRED, IDS, ORG_TRAIL_BUCKET, create_bucket, create_key

REGION = "eu-west-1"


def seed_efs_access_points(seeder):
    """prod's uploads file system is reached through a confined access point;
    dev's scratch file system through one that exposes it whole."""
    for account, region, token, confined in ((IDS["prod"], REGION, "uploads", True),
                                             (IDS["dev"], "eu-central-1", "scratch", False)):
        efs = seeder.client("efs", account, region)
        (file_system,) = [f for f in efs.describe_file_systems()["FileSystems"] if f["CreationToken"] == token]
        settings = {"PosixUser": {"Uid": 1001, "Gid": 1001}, "RootDirectory": {"Path": f"/{token}", "CreationInfo": {
            "OwnerUid": 1001, "OwnerGid": 1001, "Permissions": "750"}}} if confined else {}
        efs.create_access_point(FileSystemId=file_system["FileSystemId"], ClientToken=f"{token}-app", **settings)


def seed_secrets(seeder):
    """prod's database credentials rotate every 30 days and are read daily;
    dev keeps an API key that never rotates and nobody reads, and database
    credentials whose rotation has failed for 100 days."""
    prod = seeder.client("secretsmanager", IDS["prod"], REGION)
    prod.create_secret(Name="orders-db-credentials", SecretString="demo")
    prod.rotate_secret(SecretId="orders-db-credentials", RotationRules={"AutomaticallyAfterDays": 30})
    age_secret(IDS["prod"], REGION, "orders-db-credentials", created_days_ago=400, accessed_days_ago=0,
               rotated_days_ago=10)
    dev = seeder.client("secretsmanager", IDS["dev"], REGION)
    dev.create_secret(Name="legacy-api-key", SecretString="demo")
    age_secret(IDS["dev"], REGION, "legacy-api-key", created_days_ago=200)
    dev.create_secret(Name="reports-db-credentials", SecretString="demo")
    dev.rotate_secret(SecretId="reports-db-credentials", RotationRules={"AutomaticallyAfterDays": 30})
    age_secret(IDS["dev"], REGION, "reports-db-credentials", created_days_ago=300, accessed_days_ago=1,
               rotated_days_ago=100)


def seed_event_buses(seeder):
    """prod's custom bus admits the organization's accounts by policy; dev's has no policy."""
    prod = seeder.client("events", IDS["prod"], REGION)
    prod.create_event_bus(Name="orders-events")
    prod.put_permission(EventBusName="orders-events", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "OrdersAccountOnly", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{IDS['prod']}:root"},
        "Action": "events:PutEvents", "Resource": f"arn:aws:events:{REGION}:{IDS['prod']}:event-bus/orders-events"}]}))
    seeder.client("events", IDS["dev"], REGION).create_event_bus(Name="dev-events")


def seed_stack_notifications(seeder):
    """prod's network stack notifies its operations topic (dev's reports-db
    stack, seeded with the stored values, notifies nobody)."""
    topic = seeder.client("sns", IDS["prod"], "us-east-1").create_topic(Name="stack-events")["TopicArn"]
    seeder.client("cloudformation", IDS["prod"], "us-east-1").create_stack(
        StackName="network-baseline", NotificationARNs=[topic], TemplateBody=json.dumps({"Resources": {"Marker": {
            "Type": "AWS::SSM::Parameter", "Properties": {"Name": "/network/marker", "Type": "String",
                                                         "Value": "network"}}}}))


def seed_fsx(seeder):
    """prod's OpenZFS file system copies its tags to backups and volumes; dev's does not."""
    for account, copies in ((IDS["prod"], True), (IDS["dev"], False)):
        seeder.client("fsx", account, REGION).create_file_system(
            FileSystemType="OPENZFS", StorageCapacity=64, StorageType="SSD", SubnetIds=["subnet-0123456789abcdef0"],
            OpenZFSConfiguration={"DeploymentType": "SINGLE_AZ_1", "ThroughputCapacity": 64,
                                  "CopyTagsToBackups": copies, "CopyTagsToVolumes": copies})


VAULT_BUCKET = "security-vault-copies"  # the security account's Object-Locked bucket other accounts replicate to


def seed_bucket_safeguards(seeder):
    """The acquired account's two buckets are Object-Locked and safeguarded,
    replicating to the security account's vault in eu-west-1; so does the
    organization trail's archive (its data events bucket does not
    replicate). dev's scratch bucket keeps ACLs in force."""
    security = IDS["security"]
    create_bucket(seeder, security, VAULT_BUCKET, "eu-west-1", object_lock=True)
    vault = f"arn:aws:s3:::{VAULT_BUCKET}"
    s3 = seeder.client("s3", ACQUIRED)
    for bucket in ("acquired-access-logs", "acquired-cloudtrail"):
        s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        safeguard_bucket(s3, ACQUIRED, bucket, vault)
    replicate(seeder.client("s3", IDS["log-archive"]), IDS["log-archive"], ORG_TRAIL_BUCKET, vault)
    seeder.client("s3", IDS["dev"], "eu-central-1").put_bucket_ownership_controls(
        Bucket="dev-scratch", OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]})


def safeguard_bucket(s3, account_id, name, replica_arn):
    """An enabled lifecycle rule, EventBridge notifications, replication to
    ``replica_arn`` (without delete markers) and ACLs disabled."""
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [{
        "ID": "abort-incomplete-uploads", "Status": "Enabled", "Filter": {},
        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]})
    s3.put_bucket_notification_configuration(Bucket=name, NotificationConfiguration={"EventBridgeConfiguration": {}})
    replicate(s3, account_id, name, replica_arn)
    s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": [
        {"ObjectOwnership": "BucketOwnerEnforced"}]})


def replicate(s3, account_id, name, replica_arn, **rule):
    """Replicate every object of bucket ``name`` to ``replica_arn``, without
    delete markers (``rule`` replaces, adds or, given None, drops members of the one rule)."""
    rule = {"ID": "elsewhere", "Status": "Enabled", "Priority": 1, "Filter": {},
            "DeleteMarkerReplication": {"Status": "Disabled"}, "Destination": {"Bucket": replica_arn}, **rule}
    s3.put_bucket_replication(Bucket=name, ReplicationConfiguration={
        "Role": f"arn:aws:iam::{account_id}:role/s3-replication",
        "Rules": [{k: v for k, v in rule.items() if v is not None}]})


def create_table(seeder, account_id, region, name):
    """An on-demand DynamoDB table keyed by ``id``; its description."""
    return seeder.client("dynamodb", account_id, region).create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])["TableDescription"]


def seed_backups(seeder):
    """AWS Backup keeps yesterday's KMS-encrypted recovery point of every EFS
    file system, EBS volume, DynamoDB table and DB instance of prod in
    eu-west-1; dev's one recovery point there is not encrypted (and its
    resources elsewhere, its DynamoDB tables among them, are not backed up).
    Runs after the other domains' seeding, whose resources it backs up."""
    prod, dev = IDS["prod"], IDS["dev"]
    key = f"arn:aws:kms:{REGION}:{prod}:key/{create_key(seeder, prod, REGION, 'backups', rotation_days=365)}"
    for account in (prod, dev):
        seeder.client("backup", account, REGION).create_backup_vault(BackupVaultName="daily")
    found = [(f["FileSystemArn"], "EFS") for f in seeder.client("efs", prod, REGION).describe_file_systems()[
        "FileSystems"]]
    found += [(f"arn:aws:ec2:{REGION}:{prod}:volume/{v['VolumeId']}", "EBS")
              for v in seeder.client("ec2", prod, REGION).describe_volumes()["Volumes"]]
    found += [(f"arn:aws:dynamodb:{REGION}:{prod}:table/{name}", "DynamoDB")
              for name in seeder.client("dynamodb", prod, REGION).list_tables()["TableNames"]]
    found += [(i["DBInstanceArn"], "RDS") for i in seeder.client("rds", prod, REGION).describe_db_instances()[
        "DBInstances"]]
    for arn, kind in found:
        add_recovery_point(prod, REGION, "daily", arn, kind, days_ago=1, key_arn=key)
    add_recovery_point(dev, REGION, "daily", f"arn:aws:ec2:{REGION}:{dev}:volume/vol-0dec0ded0dec0ded0", "EBS",
                       days_ago=1)


def seed_access_points(seeder):
    """prod restores backups through an access point that blocks public
    access; dev shares its exports through one that does not."""
    prod = seeder.client("s3control", IDS["prod"], REGION)
    prod.create_access_point(AccountId=IDS["prod"], Name="backups-restore", Bucket="prod-backups-archive")
    seeder.client("s3control", IDS["dev"], "eu-central-1").create_access_point(
        AccountId=IDS["dev"], Name="exports-partners", Bucket="dev-exports", PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False})


def seed_storage(seeder):
    seed_bucket_safeguards(seeder)
    seed_access_points(seeder)
    seed_backups(seeder)
    seed_efs_access_points(seeder)
    seed_secrets(seeder)
    seed_event_buses(seeder)
    seed_stack_notifications(seeder)
    seed_fsx(seeder)
