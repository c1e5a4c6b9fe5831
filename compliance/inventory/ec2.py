"""Amazon EC2: instances and what they print on their console."""

import re

from compliance.aws.answers import extended

_FINGERPRINTS = re.compile(
    r"-----BEGIN SSH HOST KEY FINGERPRINTS-----(.*?)-----END SSH HOST KEY FINGERPRINTS-----", re.DOTALL
)
_FINGERPRINT_LINE = re.compile(r"^\s*\d+\s+(\S+)\s+.*\((\w+)\)\s*$")


# Instances that exist or may run again (terminated ones are gone for good).
LIVE_STATES = ["pending", "running", "stopping", "stopped"]


def instances(api, region):
    """Every instance of the region that is not shutting down or terminated."""
    answer = api.read("ec2", "DescribeInstances", region,
                      Filters=[{"Name": "instance-state-name", "Values": LIVE_STATES}])
    return sorted((i for r in answer["Reservations"] for i in r["Instances"]), key=lambda i: i["InstanceId"])


def running_instances(api, region):
    return [i for i in instances(api, region) if i["State"]["Name"] == "running"]


def console_output(api, region, instance_id):
    """The instance's console text (boto3 decodes the base64), or "" if none.
    Up to 64 KB per instance, read across the organization at once and
    reduced to fingerprints at once: not held in memory."""
    return api.read("ec2", "GetConsoleOutput", region, hold=False, InstanceId=instance_id).get("Output") or ""


def ssh_host_key_fingerprints(console):
    """``{key type: fingerprint}`` from cloud-init's fingerprint block (the
    last one printed, as a reboot prints it again)."""
    blocks = _FINGERPRINTS.findall(console)
    if not blocks:
        return {}
    found = {}
    for line in blocks[-1].splitlines():
        match = _FINGERPRINT_LINE.match(line)
        if match:
            found[match.group(2)] = match.group(1)
    return found


def security_groups(api, region):
    return sorted(api.read("ec2", "DescribeSecurityGroups", region)["SecurityGroups"], key=lambda g: g["GroupId"])


def network_acls(api, region):
    return sorted(api.read("ec2", "DescribeNetworkAcls", region)["NetworkAcls"], key=lambda a: a["NetworkAclId"])


def encryption_by_default(api, region):
    return api.read("ec2", "GetEbsEncryptionByDefault", region)["EbsEncryptionByDefault"]


def public_snapshots(api, region):
    """EBS snapshots the account owns that any AWS account may create volumes
    from: one filtered question however many snapshots the account keeps."""
    answer = api.read("ec2", "DescribeSnapshots", region, OwnerIds=["self"], RestorableByUserIds=["all"])
    return sorted(answer["Snapshots"], key=lambda s: s["SnapshotId"])


def public_images(api, region):
    """AMIs the account owns that any AWS account may launch: one filtered question."""
    answer = api.read("ec2", "DescribeImages", region, Owners=["self"],
                      Filters=[{"Name": "is-public", "Values": ["true"]}])
    return sorted(answer["Images"], key=lambda i: i["ImageId"])


def vpcs_with_flow_logs(api, region):
    """Each VPC with the flow logs that capture it."""
    flow_logs = api.read("ec2", "DescribeFlowLogs", region)["FlowLogs"]
    return [extended(vpc, FlowLogs=[f for f in flow_logs if f["ResourceId"] == vpc["VpcId"]])
            for vpc in vpcs(api, region)]


def route_tables(api, region):
    return sorted(api.read("ec2", "DescribeRouteTables", region)["RouteTables"], key=lambda t: t["RouteTableId"])


def peering_connections(api, region):
    """VPC peering connections the account requested or accepted in the region, by ID."""
    answer = api.read("ec2", "DescribeVpcPeeringConnections", region)
    return {c["VpcPeeringConnectionId"]: c for c in answer["VpcPeeringConnections"]}


def prefix_list_cidrs(api, region, prefix_list_id):
    answer = api.read("ec2", "GetManagedPrefixListEntries", region, PrefixListId=prefix_list_id)
    return sorted(e["Cidr"] for e in answer["Entries"])


def user_data(api, region, instance_id):
    """The digest of the instance's user data (compliance.aws.customer_data),
    or None when it has none."""
    answer = api.read("ec2", "DescribeInstanceAttribute", region, Attribute="userData", InstanceId=instance_id)
    return answer.get("UserData", {}).get("Value")


def launch_template_versions(api, region):
    """The latest and the default version of every launch template of the
    region (one request), each once, by template name and version number."""
    answer = api.read("ec2", "DescribeLaunchTemplateVersions", region, Versions=["$Latest", "$Default"])
    found = {(v["LaunchTemplateName"], v["VersionNumber"]): v for v in answer["LaunchTemplateVersions"]}
    return [found[key] for key in sorted(found)]


def volumes(api, region):
    """The region's EBS volumes."""
    return sorted(api.read("ec2", "DescribeVolumes", region)["Volumes"], key=lambda v: v["VolumeId"])


def attached_volumes(api, region):
    """EBS volumes attached to an instance (of the one read of every volume):
    with an attachment that is not known to be detached."""
    return [v for v in volumes(api, region) if any(a.get("State") != "detached" for a in v.get("Attachments", []))]


def addresses(api, region):
    """Elastic IP addresses of the region."""
    return sorted(api.read("ec2", "DescribeAddresses", region)["Addresses"], key=lambda a: a["AllocationId"])


def subnets(api, region):
    return sorted(api.read("ec2", "DescribeSubnets", region)["Subnets"], key=lambda s: s["SubnetId"])


def vpcs(api, region):
    return sorted(api.read("ec2", "DescribeVpcs", region)["Vpcs"], key=lambda v: v["VpcId"])


def vpc_endpoints(api, region):
    answer = api.read("ec2", "DescribeVpcEndpoints", region)
    return sorted(answer["VpcEndpoints"], key=lambda e: e["VpcEndpointId"])


def transit_gateways(api, region):
    answer = api.read("ec2", "DescribeTransitGateways", region)
    return sorted(answer["TransitGateways"], key=lambda g: g["TransitGatewayId"])


def vpn_connections(api, region):
    """Site-to-Site VPN connections of the region that are not deleted (AWS lists deleted ones for a while)."""
    answer = api.read("ec2", "DescribeVpnConnections", region,
                      Filters=[{"Name": "state", "Values": ["pending", "available", "deleting"]}])
    return sorted(answer["VpnConnections"], key=lambda c: c["VpnConnectionId"])


def client_vpn_endpoints(api, region):
    answer = api.read("ec2", "DescribeClientVpnEndpoints", region)
    return sorted(answer["ClientVpnEndpoints"], key=lambda e: e["ClientVpnEndpointId"])


def subnets_by_id(api, region):
    """``{subnet ID: subnet}`` of every subnet of the region (the one ``DescribeSubnets``)."""
    return {s["SubnetId"]: s for s in subnets(api, region)}


def default_vpc_ids(api, region):
    """The IDs of the region's default VPCs (one at most; the ``DescribeVpcs`` the flow-log control reads)."""
    return {vpc["VpcId"] for vpc in vpcs(api, region) if vpc.get("IsDefault")}
