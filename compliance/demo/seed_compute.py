"""The demo organization's compute and network resources for the FSBP EC2,
Auto Scaling and Systems Manager controls: prod in us-east-1 (and
log-archive's managed instance in eu-west-1) complies, dev in eu-west-1
holds one violation of each kind."""

import datetime
import json

from compliance.demo.moto_compute import register_managed_node, set_tunnel_status, stopped_days_ago
from compliance.demo.organization import IDS, LINUX_AMI, WINDOWS_AMI, launch

PARAVIRTUAL_AMI = "ami-8104a4f8"  # Amazon Linux PV in moto's image catalog


def default_vpc(ec2):
    return ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]


def vpn_connection(seeder, account_id, region, first, second):
    """A Site-to-Site VPN connection whose tunnels report ``first`` and ``second``."""
    ec2 = seeder.client("ec2", account_id, region)
    customer = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="198.51.100.1", BgpAsn=65000)
    gateway = ec2.create_vpn_gateway(Type="ipsec.1")
    connection = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=customer["CustomerGateway"][
        "CustomerGatewayId"], VpnGatewayId=gateway["VpnGateway"]["VpnGatewayId"])["VpnConnection"]["VpnConnectionId"]
    set_tunnel_status(account_id, region, connection, first, second)
    return connection


def client_vpn_endpoint(seeder, account_id, region, log_group=None):
    """A Client VPN endpoint with mutual TLS, logging connections to ``log_group`` when given."""
    certificate = f"arn:aws:acm:{region}:{account_id}:certificate/client-vpn"
    logging = {"Enabled": True, "CloudwatchLogGroup": log_group} if log_group else {"Enabled": False}
    return seeder.client("ec2", account_id, region).create_client_vpn_endpoint(
        ClientCidrBlock="10.100.0.0/22", ServerCertificateArn=certificate, ConnectionLogOptions=logging,
        AuthenticationOptions=[{"Type": "certificate-authentication",
                                "MutualAuthentication": {"ClientRootCertificateChainArn": certificate}}],
    )["ClientVpnEndpointId"]


def seed_ec2_hygiene(seeder, account_id, region):
    """A transit gateway that reviews attachments, an EC2 endpoint in every
    VPC, subnets that give no public address, a VPN connection with both
    tunnels up and a Client VPN endpoint logging connections."""
    ec2 = seeder.client("ec2", account_id, region)
    vpn_connection(seeder, account_id, region, "UP", "UP")
    client_vpn_endpoint(seeder, account_id, region, log_group="client-vpn")
    ec2.create_transit_gateway(Description="shared", Options={"AutoAcceptSharedAttachments": "disable"})
    for vpc in ec2.describe_vpcs()["Vpcs"]:
        ec2.create_vpc_endpoint(VpcId=vpc["VpcId"], ServiceName=f"com.amazonaws.{region}.ec2",
                                VpcEndpointType="Interface")
    for subnet in ec2.describe_subnets()["Subnets"]:
        ec2.modify_subnet_attribute(SubnetId=subnet["SubnetId"], MapPublicIpOnLaunch={"Value": False})


def seed_ec2_violations(seeder, account_id, region):
    """A paravirtual instance stopped 90 days ago, an Elastic IP and a network
    ACL used by nothing, a launch template giving a public address, a
    transit gateway accepting every shared attachment, a VPN connection
    with a tunnel down and a Client VPN endpoint that logs nothing."""
    ec2 = seeder.client("ec2", account_id, region)
    vpn_connection(seeder, account_id, region, "UP", "DOWN")
    client_vpn_endpoint(seeder, account_id, region)
    (legacy,) = launch(seeder, account_id, region, image=PARAVIRTUAL_AMI)
    stopped_days_ago(account_id, region, legacy, 90)
    ec2.allocate_address(Domain="vpc")
    ec2.create_network_acl(VpcId=default_vpc(ec2))
    ec2.create_launch_template(LaunchTemplateName="bastion", LaunchTemplateData={
        "ImageId": LINUX_AMI, "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]})
    ec2.create_transit_gateway(Description="partners", Options={"AutoAcceptSharedAttachments": "enable"})


def target_group(seeder, account_id, region, name):
    ec2 = seeder.client("ec2", account_id, region)
    return seeder.client("elbv2", account_id, region).create_target_group(
        Name=name, Protocol="HTTP", Port=80, VpcId=default_vpc(ec2))["TargetGroups"][0]["TargetGroupArn"]


def seed_autoscaling_hygiene(seeder, account_id, region):
    """A group behind a target group with ELB health checks, in two zones,
    launching two instance types from a launch template; a launch
    configuration requiring IMDSv2 with a hop limit of 1 and no public address."""
    seeder.client("ec2", account_id, region).create_launch_template(
        LaunchTemplateName="web-fleet", LaunchTemplateData={"ImageId": LINUX_AMI})
    autoscaling = seeder.client("autoscaling", account_id, region)
    autoscaling.create_launch_configuration(
        LaunchConfigurationName="web-imdsv2", ImageId=LINUX_AMI, InstanceType="t3.micro",
        AssociatePublicIpAddress=False, MetadataOptions={"HttpTokens": "required", "HttpPutResponseHopLimit": 1})
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="web", MinSize=0, MaxSize=4, DesiredCapacity=0,
        AvailabilityZones=[f"{region}a", f"{region}b"], HealthCheckType="ELB", HealthCheckGracePeriod=300,
        TargetGroupARNs=[target_group(seeder, account_id, region, "web")],
        MixedInstancesPolicy={"LaunchTemplate": {
            "LaunchTemplateSpecification": {"LaunchTemplateName": "web-fleet", "Version": "$Default"},
            "Overrides": [{"InstanceType": "t3.micro"}, {"InstanceType": "t3a.micro"}]}})


def seed_autoscaling_violations(seeder, account_id, region):
    """A group behind a target group with EC2 health checks, in one zone,
    launching one instance type from a launch configuration that accepts
    IMDSv1, forwards metadata two hops and gives a public address."""
    autoscaling = seeder.client("autoscaling", account_id, region)
    autoscaling.create_launch_configuration(
        LaunchConfigurationName="batch-public", ImageId=LINUX_AMI, InstanceType="t3.micro",
        AssociatePublicIpAddress=True, MetadataOptions={"HttpTokens": "optional", "HttpPutResponseHopLimit": 2})
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="batch", MinSize=0, MaxSize=2, DesiredCapacity=0, AvailabilityZones=[f"{region}a"],
        HealthCheckType="EC2", LaunchConfigurationName="batch-public",
        TargetGroupARNs=[target_group(seeder, account_id, region, "batch")])


COMMAND_DOCUMENT = json.dumps({"schemaVersion": "2.2", "description": "Restart the web service", "mainSteps": [
    {"action": "aws:runShellScript", "name": "restart", "inputs": {"runCommand": ["systemctl restart web"]}}]})


def report_compliance(seeder, account_id, region, instance_id, compliance_type, status, severity="CRITICAL"):
    """One compliance item of ``compliance_type`` for the node, as Patch Manager or State Manager reports it."""
    seeder.client("ssm", account_id, region).put_compliance_items(
        ResourceId=instance_id, ResourceType="ManagedInstance", ComplianceType=compliance_type,
        ExecutionSummary={"ExecutionTime": datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc)},
        Items=[{"Id": f"{compliance_type.lower()}-1", "Severity": severity, "Status": status}])


def manage_node(seeder, account_id, region, instance_id, patch, association):
    """Make the instance a managed node whose Patch and Association compliance are ``patch`` and ``association``."""
    register_managed_node(account_id, region, instance_id)
    report_compliance(seeder, account_id, region, instance_id, "Patch", patch)
    report_compliance(seeder, account_id, region, instance_id, "Association", association)


def share_document(seeder, account_id, region, name, with_accounts):
    ssm = seeder.client("ssm", account_id, region)
    ssm.create_document(Name=name, Content=COMMAND_DOCUMENT, DocumentType="Command", DocumentFormat="JSON")
    ssm.modify_document_permission(Name=name, PermissionType="Share", AccountIdsToAdd=with_accounts)


def instance_ids(seeder, account_id, region, image):
    """The IDs of the region's instances launched from ``image``."""
    reservations = seeder.client("ec2", account_id, region).describe_instances(
        Filters=[{"Name": "image-id", "Values": [image]}])["Reservations"]
    return sorted(i["InstanceId"] for r in reservations for i in r["Instances"])


def seed_systems_manager(seeder):
    """log-archive's instance is a managed node, patched and compliant with
    its associations; dev's Windows instance is managed but misses a
    critical patch and fails an association, its other instances are not
    managed, and it shares a command document with everyone; prod shares
    one with the security account only."""
    (shipper,) = instance_ids(seeder, IDS["log-archive"], "eu-west-1", LINUX_AMI)
    manage_node(seeder, IDS["log-archive"], "eu-west-1", shipper, "COMPLIANT", "COMPLIANT")
    (windows,) = instance_ids(seeder, IDS["dev"], "eu-west-1", WINDOWS_AMI)
    manage_node(seeder, IDS["dev"], "eu-west-1", windows, "NON_COMPLIANT", "NON_COMPLIANT")
    share_document(seeder, IDS["prod"], "us-east-1", "restart-web", [IDS["security"]])
    share_document(seeder, IDS["dev"], "eu-west-1", "restart-web", ["all"])


def seed_compute(seeder):
    seed_ec2_hygiene(seeder, IDS["prod"], "us-east-1")
    seed_autoscaling_hygiene(seeder, IDS["prod"], "us-east-1")
    seed_ec2_violations(seeder, IDS["dev"], "eu-west-1")
    seed_autoscaling_violations(seeder, IDS["dev"], "eu-west-1")
    seed_systems_manager(seeder)
