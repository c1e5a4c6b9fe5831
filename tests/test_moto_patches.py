"""moto is patched to AWS semantics where the controls depend on them."""

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from compliance.demo.moto_patches import set_console_output
from compliance.demo.organization import (
    AUDIT_ROLE,
    EXTERNAL_ID,
    create_bucket,
    create_database,
    create_key,
    create_organization_trail,
    launch,
)
from compliance.demo.stored_values import stack
from tests.conftest import DEV, MANAGEMENT, PROD


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


def test_mfa_delete_is_kept_and_reported(local_aws, seeder):
    s3 = seeder.client("s3", PROD)
    s3.create_bucket(Bucket="archive-bucket")
    assert "MFADelete" not in s3.get_bucket_versioning(Bucket="archive-bucket")
    s3.put_bucket_versioning(Bucket="archive-bucket", MFA="device 123456",
                             VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
    assert s3.get_bucket_versioning(Bucket="archive-bucket")["MFADelete"] == "Enabled"
    s3.put_bucket_versioning(Bucket="archive-bucket", MFA="device 123456",
                             VersioningConfiguration={"Status": "Suspended", "MFADelete": "Disabled"})
    versioning = s3.get_bucket_versioning(Bucket="archive-bucket")
    assert (versioning["Status"], versioning["MFADelete"]) == ("Suspended", "Disabled")


def test_organization_trails_are_shadowed_into_member_accounts(local_aws, seeder, organization):
    from tests.conftest import OUTSIDER

    create_bucket(seeder, MANAGEMENT, "org-trail-bucket")
    create_bucket(seeder, MANAGEMENT, "local-trail-bucket")
    trails = create_organization_trail(seeder, "org-trail", "org-trail-bucket")
    trails.create_trail(Name="local", S3BucketName="local-trail-bucket")
    member = seeder.client("cloudtrail", PROD, "eu-west-1")
    shadow = member.describe_trails(includeShadowTrails=True)["trailList"]
    assert [t["TrailARN"] for t in shadow] == [f"arn:aws:cloudtrail:us-east-1:{MANAGEMENT}:trail/org-trail"]
    assert member.describe_trails(includeShadowTrails=False)["trailList"] == []
    assert member.get_trail_status(Name=shadow[0]["TrailARN"])["IsLogging"] is True
    assert seeder.client("cloudtrail", OUTSIDER).describe_trails()["trailList"] == []


def test_trails_without_selectors_record_all_management_events(local_aws, seeder):
    create_bucket(seeder, MANAGEMENT, "trail-bucket")
    trails = seeder.client("cloudtrail", MANAGEMENT)
    trails.create_trail(Name="plain-trail", S3BucketName="trail-bucket")
    assert trails.get_event_selectors(TrailName="plain-trail")["EventSelectors"] == [
        {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [],
         "ExcludeManagementEventSources": []}]
    trails.put_event_selectors(TrailName="plain-trail", EventSelectors=[{"ReadWriteType": "WriteOnly"}])
    assert trails.get_event_selectors(TrailName="plain-trail")["EventSelectors"][0]["ReadWriteType"] == "WriteOnly"


def test_each_instance_prints_its_own_host_keys(local_aws, seeder):
    first, second = launch(seeder, PROD, "eu-west-1", count=2)
    ec2 = seeder.client("ec2", PROD, "eu-west-1")
    consoles = [ec2.get_console_output(InstanceId=i)["Output"] for i in (first, second)]
    assert all("-----BEGIN SSH HOST KEY FINGERPRINTS-----" in c for c in consoles)
    assert consoles[0] != consoles[1]
    set_console_output(PROD, "eu-west-1", second, "custom console\n")
    assert ec2.get_console_output(InstanceId=second)["Output"] == "custom console\n"


def test_rds_reports_certificate_authorities_and_details(local_aws, seeder):
    create_database(seeder, PROD, "eu-west-1", "db", "rds-ca-ecc384-g1")
    rds = seeder.client("rds", PROD, "eu-west-1")
    instance = rds.describe_db_instances()["DBInstances"][0]
    assert instance["CACertificateIdentifier"] == "rds-ca-ecc384-g1"
    assert instance["CertificateDetails"]["CAIdentifier"] == "rds-ca-ecc384-g1"
    certificates = {c["CertificateIdentifier"]: c for c in rds.describe_certificates()["Certificates"]}
    assert set(certificates) == {"rds-ca-2019", "rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"}
    assert certificates["rds-ca-2019"]["ValidTill"].year == 2024
    assert len(certificates["rds-ca-2019"]["Thumbprint"]) == 40
    assert rds.describe_certificates(CertificateIdentifier="rds-ca-2019")["Certificates"][0]["CertificateType"] == "CA"
    rds.create_db_instance(DBInstanceIdentifier="default-ca", Engine="postgres", DBInstanceClass="db.t3.micro",
                           MasterUsername="a", MasterUserPassword="password-1", AllocatedStorage=20)
    default = rds.describe_db_instances(DBInstanceIdentifier="default-ca")["DBInstances"][0]
    assert default["CACertificateIdentifier"] == "rds-ca-rsa2048-g1"
    assert default["PubliclyAccessible"] is False


def test_s3control_reaches_a_custom_endpoint(local_aws, seeder):
    from compliance.demo.organization import BLOCK_ALL_PUBLIC_ACCESS

    s3control = seeder.client("s3control", PROD)
    s3control.put_public_access_block(AccountId=PROD, PublicAccessBlockConfiguration=BLOCK_ALL_PUBLIC_ACCESS)
    got = s3control.get_public_access_block(AccountId=PROD)["PublicAccessBlockConfiguration"]
    assert got == BLOCK_ALL_PUBLIC_ACCESS


def test_describe_snapshots_honours_owner_ids(local_aws, seeder):
    ec2 = seeder.client("ec2", PROD, "eu-west-1")
    assert ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []  # moto's AMI catalog is Amazon's
    volume = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=8)["VolumeId"]
    mine = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    assert [s["SnapshotId"] for s in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]] == [mine]
    assert [s["SnapshotId"] for s in ec2.describe_snapshots(OwnerIds=[PROD])["Snapshots"]] == [mine]
    assert mine not in {s["SnapshotId"] for s in ec2.describe_snapshots(OwnerIds=["amazon"])["Snapshots"]}


def test_describe_snapshots_honours_restorable_by_user_ids(local_aws, seeder):
    ec2 = seeder.client("ec2", PROD, "eu-west-1")
    volume = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=8)["VolumeId"]
    public, shared, private = (ec2.create_snapshot(VolumeId=volume)["SnapshotId"] for _ in range(3))
    ec2.modify_snapshot_attribute(SnapshotId=public, Attribute="createVolumePermission", OperationType="add",
                                  GroupNames=["all"])
    ec2.modify_snapshot_attribute(SnapshotId=shared, Attribute="createVolumePermission", OperationType="add",
                                  UserIds=[DEV])

    def restorable_by(*who):
        answer = ec2.describe_snapshots(OwnerIds=["self"], RestorableByUserIds=list(who))
        return {s["SnapshotId"] for s in answer["Snapshots"]}

    assert restorable_by("all") == {public}
    assert restorable_by(DEV) == {shared}
    assert restorable_by("self") == {public, shared, private}


def test_only_asymmetric_keys_have_a_key_pair(local_aws, seeder):
    kms = seeder.client("kms", PROD, "eu-west-1")
    symmetric = kms.create_key()["KeyMetadata"]["KeyId"]
    signing = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
    assert kms.get_public_key(KeyId=signing)["PublicKey"]
    assert kms.describe_key(KeyId=symmetric)["KeyMetadata"]["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert kms.decrypt(CiphertextBlob=kms.encrypt(KeyId=symmetric, Plaintext=b"x")["CiphertextBlob"])["Plaintext"] == b"x"


def test_account_summary_reports_whether_the_root_user_has_a_password(local_aws, seeder):
    from compliance.demo.moto_patches import set_root_credentials

    iam = seeder.client("iam", PROD)
    assert iam.get_account_summary()["SummaryMap"]["AccountPasswordPresent"] == 1  # as a new account has
    set_root_credentials(PROD, password=False)
    assert iam.get_account_summary()["SummaryMap"]["AccountPasswordPresent"] == 0


def test_security_hub_standards_can_be_enabled_and_listed(local_aws, seeder):
    hub = seeder.client("securityhub", PROD, "eu-west-1")
    hub.enable_security_hub(EnableDefaultStandards=False)
    assert hub.get_enabled_standards()["StandardsSubscriptions"] == []
    arn = "arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1"
    hub.batch_enable_standards(StandardsSubscriptionRequests=[{"StandardsArn": arn}])
    [subscription] = hub.get_enabled_standards()["StandardsSubscriptions"]
    assert (subscription["StandardsArn"], subscription["StandardsStatus"]) == (arn, "READY")


def test_credential_report_starts_with_the_root_user(local_aws, seeder):
    from compliance.demo.moto_patches import set_root_credentials

    iam = seeder.client("iam", PROD)
    iam.create_user(UserName="alice")
    set_root_credentials(PROD, access_key=True, mfa="hardware")
    iam.generate_credential_report()
    header, root, alice = iam.get_credential_report()["Content"].decode().splitlines()
    columns = header.split(",")
    assert len(root.split(",")) == len(alice.split(",")) == len(columns)
    row = dict(zip(columns, root.split(",")))
    assert (row["user"], row["arn"], row["mfa_active"], row["access_key_1_active"]) == (
        "<root_account>", f"arn:aws:iam::{PROD}:root", "true", "true")
    assert alice.startswith("alice,")


def test_server_certificates_report_their_own_expiry(local_aws, seeder):
    import datetime

    from compliance.demo.certificates import make_ca

    until = datetime.datetime(2031, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)
    iam = seeder.client("iam", PROD)
    iam.upload_server_certificate(ServerCertificateName="web", CertificateBody=make_ca("web", until).decode(),
                                  PrivateKey="not checked by moto")
    [certificate] = iam.list_server_certificates()["ServerCertificateMetadataList"]
    assert certificate["Expiration"] == until
    assert certificate["Arn"] == f"arn:aws:iam::{PROD}:server-certificate/web"


def test_access_analyzer_is_served(local_aws, seeder):
    analyzers = seeder.client("accessanalyzer", PROD, "eu-west-1")
    assert analyzers.list_analyzers()["analyzers"] == []
    arn = analyzers.create_analyzer(analyzerName="external", type="ACCOUNT")["arn"]
    assert arn == f"arn:aws:access-analyzer:eu-west-1:{PROD}:analyzer/external"
    [analyzer] = analyzers.list_analyzers(type="ACCOUNT")["analyzers"]
    assert (analyzer["arn"], analyzer["status"]) == (arn, "ACTIVE")
    assert analyzers.list_analyzers(type="ORGANIZATION")["analyzers"] == []
    assert seeder.client("accessanalyzer", PROD, "us-east-1").list_analyzers()["analyzers"] == []


def test_trail_status_reports_cloudwatch_logs_delivery(local_aws, seeder, organization):
    seeder.client("s3", MANAGEMENT).create_bucket(Bucket="trail-bucket")
    trails = create_organization_trail(seeder, "watched", "trail-bucket", log_group="/org/watched")
    create_organization_trail(seeder, "unwatched", "trail-bucket")
    assert "LatestCloudWatchLogsDeliveryTime" in trails.get_trail_status(Name="watched")
    assert "LatestCloudWatchLogsDeliveryTime" not in trails.get_trail_status(Name="unwatched")
    trails.stop_logging(Name="watched")
    assert "LatestCloudWatchLogsDeliveryTime" not in trails.get_trail_status(Name="watched")


def test_glacier_vault_locks_are_kept(local_aws, seeder):
    glacier = seeder.client("glacier", PROD, "eu-west-1")
    glacier.create_vault(vaultName="records")
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        glacier.get_vault_lock(vaultName="records")
    lock_id = glacier.initiate_vault_lock(vaultName="records", policy={"Policy": "{}"})["lockId"]
    assert glacier.get_vault_lock(vaultName="records")["State"] == "InProgress"
    with pytest.raises(ClientError, match="InvalidParameterValueException"):
        glacier.complete_vault_lock(vaultName="records", lockId="wrong")
    glacier.complete_vault_lock(vaultName="records", lockId=lock_id)
    lock = glacier.get_vault_lock(vaultName="records")
    assert (lock["State"], lock["Policy"], "ExpirationDate" in lock) == ("Locked", "{}", False)


def test_iam_organizations_features_need_trusted_access(local_aws, seeder, organization):
    iam = seeder.client("iam", MANAGEMENT)
    with pytest.raises(ClientError, match="ServiceAccessNotEnabledException"):
        iam.list_organizations_features()
    seeder.client("organizations", MANAGEMENT).enable_aws_service_access(ServicePrincipal="iam.amazonaws.com")
    assert iam.list_organizations_features()["EnabledFeatures"] == []
    iam.enable_organizations_root_sessions()
    answer = iam.list_organizations_features()
    assert (answer["OrganizationId"], answer["EnabledFeatures"]) == (organization, ["RootSessions"])


def test_organizations_keeps_its_delegation_policy(local_aws, seeder, organization):
    orgs = seeder.client("organizations", MANAGEMENT)
    with pytest.raises(ClientError, match="ResourcePolicyNotFoundException"):
        orgs.describe_resource_policy()
    orgs.put_resource_policy(Content='{"Version": "2012-10-17", "Statement": []}')
    policy = orgs.describe_resource_policy()["ResourcePolicy"]
    assert policy["Content"] == '{"Version": "2012-10-17", "Statement": []}'
    assert policy["ResourcePolicySummary"]["Arn"].startswith(f"arn:aws:organizations::{MANAGEMENT}:resourcepolicy/")


def test_describe_stacks_masks_no_echo_parameters(local_aws, seeder):
    stack(seeder, MANAGEMENT, "us-east-1", "db", {"DbPassword": "hidden", "DbUser": "app"}, no_echo={"DbPassword"})
    (described,) = client(local_aws, "cloudformation").describe_stacks(StackName="db")["Stacks"]
    assert sorted((p["ParameterKey"], p["ParameterValue"]) for p in described["Parameters"]) == [
        ("DbPassword", "****"), ("DbUser", "app")]


def test_macie_starts_disabled_and_says_so_as_aws_does(local_aws, seeder):
    macie = seeder.client("macie2", PROD, "eu-west-1")
    with pytest.raises(ClientError) as raised:
        macie.get_macie_session()
    assert raised.value.response["Error"] == {"Code": "AccessDeniedException", "Message": "Macie is not enabled."}
    macie.enable_macie()
    assert macie.get_macie_session()["status"] == "ENABLED"


def test_dms_and_msk_identifiers_follow_motos_seed(local_aws, seeder):
    """The demo compares two runs resource by resource: DMS and MSK IDs must
    come from moto's seeded generator, as every other ID does."""
    import urllib.request

    made = []
    for _ in range(2):
        local_aws.reset()
        urllib.request.urlopen(urllib.request.Request(f"{local_aws.url}/moto-api/seed?a=7", method="POST")).close()
        endpoint = seeder.client("dms", PROD, "eu-west-1").create_endpoint(
            EndpointIdentifier="source", EndpointType="source", EngineName="mysql")["Endpoint"]["EndpointArn"]
        cluster = seeder.client("kafka", PROD, "eu-west-1").create_cluster_v2(
            ClusterName="events", Serverless={"VpcConfigs": [{"SubnetIds": ["subnet-1"]}]})["ClusterArn"]
        made.append((endpoint, cluster))
    assert made[0] == made[1]
