"""The demo organization seeded into the embedded moto server.

Five accounts (management, log-archive, security, prod, dev) in an AWS
Organization with OUs, an audit role in each account, and resources in three
regions: some compliant, some deliberately not, so that the demo report shows
real passes and real failures. ``baselines/demo.yaml`` describes it.
"""

import contextlib
import json
from unittest import mock

import boto3
from moto.organizations import utils as organization_utils

MANAGEMENT = "123456789012"  # moto's default account: the demo's starting identity
ACCOUNTS = [
    ("222233334444", "log-archive", "Security"),
    ("333344445555", "security", "Security"),
    ("444455556666", "prod", "Workloads"),
    ("555566667777", "dev", "Workloads"),
]
IDS = {name: account_id for account_id, name, _ in ACCOUNTS} | {"management": MANAGEMENT}
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


def seed_password_policies(seeder):
    strong = {"MinimumPasswordLength": 14, "PasswordReusePrevention": 24, "RequireSymbols": True}
    for name in ("management", "log-archive", "security"):
        seeder.client("iam", IDS[name]).update_account_password_policy(**strong)
    seeder.client("iam", IDS["prod"]).update_account_password_policy(MinimumPasswordLength=8)  # violation
    # dev: no password policy at all (violation)


def seed(url):
    """Seed the whole demo organization into the moto server at ``url``."""
    seeder = Seeder(url)
    seed_organization(seeder)
    seed_audit_roles(seeder, sorted(IDS.values()))
    seed_kms(seeder)
    seed_password_policies(seeder)
