"""The demo organization on two days, so that a second demo run compared
with the first (``--compare``) shows drift: ``first-day`` is the organization
as seeded; ``next-day`` is the same organization after a day's changes, some
fixing findings and others making new ones."""

from compliance.demo import organization as demo


def next_day(seeder):
    """Fixed: dev's scratch key rotates, prod's password policy is strong,
    dev's jump host no longer admits SSH from anywhere. Broken: prod's
    orders key no longer rotates, prod opens RDP to the internet in
    us-east-1, and the management account gains a console user without MFA."""
    dev, prod = demo.IDS["dev"], demo.IDS["prod"]
    kms = seeder.client("kms", dev, "eu-west-1")
    kms.enable_key_rotation(KeyId=kms.describe_key(KeyId="alias/scratch")["KeyMetadata"]["KeyId"],
                            RotationPeriodInDays=365)
    kms = seeder.client("kms", prod, "eu-west-1")
    kms.disable_key_rotation(KeyId=kms.describe_key(KeyId="alias/orders")["KeyMetadata"]["KeyId"])
    seeder.client("iam", prod).update_account_password_policy(**demo.STRONG_PASSWORD_POLICY)
    ec2 = seeder.client("ec2", dev, "eu-west-1")
    (group,) = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["jump-host"]}])["SecurityGroups"]
    ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    ec2 = seeder.client("ec2", prod, "us-east-1")
    vpc_id = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    remote = ec2.create_security_group(GroupName="remote-desktop", Description="RDP from anywhere", VpcId=vpc_id)
    ec2.authorize_security_group_ingress(GroupId=remote["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    iam = seeder.client("iam", demo.MANAGEMENT)
    iam.create_user(UserName="temp-admin")
    iam.create_login_profile(UserName="temp-admin", Password="Demo-password-456!")


VARIANTS = {"first-day": None, "next-day": next_day}


def seed(url, variant):
    """Seed the demo organization of ``variant`` (a key of VARIANTS) into the moto server at ``url``."""
    demo.seed(url)
    if VARIANTS[variant]:
        VARIANTS[variant](demo.Seeder(url))
