"""FSBP's EC2 and VPC controls (attached volumes encrypted, stopped
instances, paravirtual instances, unused Elastic IPs and network ACLs,
launch templates and subnets without public addresses, EC2 endpoints,
transit gateways, VPN tunnels, Client VPN logging) and the moto patches they
need, proven against moto."""

from compliance.demo.moto_compute import stopped_days_ago
from compliance.demo.organization import LINUX_AMI, launch
from compliance.demo.seed_compute import PARAVIRTUAL_AMI, client_vpn_endpoint, seed_ec2_hygiene, vpn_connection
from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROLS = {"ec2-attached-volumes-encrypted": "controls/ec2/test_ec2_volumes.py",
            "ec2-stopped-instances-removed": "controls/ec2/test_ec2_instance_lifecycle.py",
            "ec2-no-paravirtual-instances": "controls/ec2/test_ec2_instance_lifecycle.py",
            "ec2-unused-elastic-ips": "controls/ec2/test_ec2_elastic_ips.py",
            "ec2-launch-templates-no-public-ip": "controls/ec2/test_ec2_launch_templates.py",
            "subnet-no-auto-public-ip": "controls/network/test_subnets.py",
            "network-acl-unused": "controls/network/test_network_acl_usage.py",
            "vpc-ec2-endpoint": "controls/network/test_vpc_endpoints.py",
            "transit-gateway-no-auto-accept": "controls/network/test_transit_gateways.py",
            "vpn-tunnels-up": "controls/network/test_vpn.py",
            "client-vpn-connection-logging": "controls/network/test_vpn.py"}
SELECT = sorted(set(CONTROLS.values()))


def findings(results, control):
    return [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in results[control]["findings"]]


def seed_compliant(seeder):
    """PROD: an encrypted instance stopped 5 days ago, an unattached plain
    volume, a launch template leaving the address to the subnet, an Elastic
    IP in use, and seed_ec2_hygiene's network."""
    ec2 = seeder.client("ec2", PROD, REGION)
    (recent,) = launch(seeder, PROD, REGION, BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "Encrypted": True}}], NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": ec2.describe_subnets()["Subnets"][0]["SubnetId"]}])
    ec2.stop_instances(InstanceIds=[recent])
    stopped_days_ago(PROD, REGION, recent, 5)
    for volume in ec2.describe_volumes()["Volumes"]:  # moto's extra root volume: encrypted volumes only
        if not volume["Encrypted"]:
            ec2.detach_volume(VolumeId=volume["VolumeId"])
    ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8)
    ec2.create_launch_template(LaunchTemplateName="web", LaunchTemplateData={
        "ImageId": LINUX_AMI, "NetworkInterfaces": [{"DeviceIndex": 0}]})
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=allocation, InstanceId=recent)
    seed_ec2_hygiene(seeder, PROD, REGION)
    deleted = vpn_connection(seeder, PROD, REGION, "DOWN", "DOWN")
    ec2.delete_vpn_connection(VpnConnectionId=deleted)  # listed for a while as deleted, no longer judged
    return recent


def test_compliant_resources_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    recent = seed_compliant(seeder)
    assert seeder.client("ec2", PROD, REGION).describe_instances(InstanceIds=[recent])["Reservations"][0][
        "Instances"][0]["StateTransitionReason"].endswith(" GMT)")  # the moto patch: as AWS writes it
    ec2 = seeder.client("ec2", DEV, REGION)
    (legacy,) = launch(seeder, DEV, REGION, image=PARAVIRTUAL_AMI)
    stopped_days_ago(DEV, REGION, legacy, 31)
    (running,) = launch(seeder, DEV, REGION)
    volumes = sorted(v["VolumeId"] for v in ec2.describe_volumes()["Volumes"])
    address = ec2.allocate_address(Domain="vpc")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    template = ec2.create_launch_template(LaunchTemplateName="bastion", LaunchTemplateData={
        "ImageId": LINUX_AMI, "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]})
    ec2.create_launch_template_version(LaunchTemplateName="bastion", LaunchTemplateData={"ImageId": LINUX_AMI})
    gateway = ec2.create_transit_gateway(Options={"AutoAcceptSharedAttachments": "enable"})["TransitGateway"]
    half_up = vpn_connection(seeder, DEV, REGION, "UP", "DOWN")
    unlogged = client_vpn_endpoint(seeder, DEV, REGION)
    suite = run_suite(*SELECT, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {c: r["outcome"] for c, r in dev.items()} == dict.fromkeys(CONTROLS, "failed"), suite.output
    assert sorted(v for v, _ in findings(dev, "ec2-attached-volumes-encrypted")) == volumes
    assert findings(dev, "ec2-attached-volumes-encrypted")[0][1].startswith("the volume attached to i-")
    ((stopped, problem),) = findings(dev, "ec2-stopped-instances-removed")
    assert stopped == legacy and problem.endswith("(31 days)"), problem
    assert findings(dev, "ec2-no-paravirtual-instances") == [(legacy, "the instance uses paravirtual virtualization")]
    assert running not in dict(findings(dev, "ec2-no-paravirtual-instances"))
    assert findings(dev, "ec2-unused-elastic-ips") == [
        (address["AllocationId"], f"the Elastic IP {address['PublicIp']} is not associated")]
    assert findings(dev, "ec2-launch-templates-no-public-ip") == [
        (template["LaunchTemplate"]["LaunchTemplateId"],
         "version 1 assigns a public IPv4 address to a network interface")]  # version 2, the latest, does not
    subnets = {s["SubnetId"] for s in ec2.describe_subnets()["Subnets"]}
    assert {s for s, _ in findings(dev, "subnet-no-auto-public-ip")} == subnets
    assert findings(dev, "network-acl-unused") == [(acl, "the network ACL is associated with no subnet")]
    assert findings(dev, "vpc-ec2-endpoint") == [(vpc, "no VPC endpoint for the Amazon EC2 service")]
    assert findings(dev, "transit-gateway-no-auto-accept") == [
        (gateway["TransitGatewayId"], "the transit gateway accepts shared VPC attachment requests automatically")]
    assert findings(dev, "vpn-tunnels-up") == [(half_up, "tunnel(s) not UP: 203.0.113.20")]
    assert findings(dev, "client-vpn-connection-logging") == [
        (unlogged, "the endpoint does not log client connections")]


def test_stopped_instance_without_a_time_fails():
    from controls.ec2.test_ec2_instance_lifecycle import stopped_too_long
    problem = stopped_too_long(None, 30)({"State": {"Name": "stopped"}, "StateTransitionReason": ""})
    assert problem == "the instance is stopped and when it was stopped cannot be told (StateTransitionReason: '')"


def test_unreadable_reads_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    reads = {"ec2-attached-volumes-encrypted": "DescribeVolumes", "ec2-stopped-instances-removed": "DescribeInstances",
             "ec2-no-paravirtual-instances": "DescribeInstances", "ec2-unused-elastic-ips": "DescribeAddresses",
             "ec2-launch-templates-no-public-ip": "DescribeLaunchTemplateVersions",
             "subnet-no-auto-public-ip": "DescribeSubnets", "network-acl-unused": "DescribeNetworkAcls",
             "vpc-ec2-endpoint": "DescribeVpcEndpoints", "transit-gateway-no-auto-accept": "DescribeTransitGateways",
             "vpn-tunnels-up": "DescribeVpnConnections", "client-vpn-connection-logging": "DescribeClientVpnEndpoints"}
    for operation in set(reads.values()):
        local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation=operation, account=PROD)
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation="DescribeVpcs", account=DEV)
    suite = run_suite(*SELECT, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    for control, operation in reads.items():
        assert_unreadable({control: prod[control]}, {control}, f"ec2:{operation}")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), {"vpc-ec2-endpoint"}, "ec2:DescribeVpcs")
