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
    """The instance's console text (boto3 decodes the base64), or "" if none."""
    return api.read("ec2", "GetConsoleOutput", region, InstanceId=instance_id).get("Output") or ""


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


def own_snapshots(api, region):
    """EBS snapshots the account owns, each with ``CreateVolumePermissions``
    (``{"Group": "all"}`` means public)."""
    found = []
    for snapshot in api.read("ec2", "DescribeSnapshots", region, OwnerIds=["self"])["Snapshots"]:
        permissions = api.read("ec2", "DescribeSnapshotAttribute", region, Attribute="createVolumePermission",
                               SnapshotId=snapshot["SnapshotId"])["CreateVolumePermissions"]
        found.append(extended(snapshot, CreateVolumePermissions=permissions))
    return sorted(found, key=lambda s: s["SnapshotId"])


def own_images(api, region):
    return sorted(api.read("ec2", "DescribeImages", region, Owners=["self"])["Images"], key=lambda i: i["ImageId"])


def vpcs_with_flow_logs(api, region):
    """Each VPC with the flow logs that capture it."""
    flow_logs = api.read("ec2", "DescribeFlowLogs", region)["FlowLogs"]
    return [extended(vpc, FlowLogs=[f for f in flow_logs if f["ResourceId"] == vpc["VpcId"]])
            for vpc in sorted(api.read("ec2", "DescribeVpcs", region)["Vpcs"], key=lambda v: v["VpcId"])]


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


def subnets(api, region):
    """``{subnet ID: subnet}`` of every subnet of the region (one ``DescribeSubnets``)."""
    return {s["SubnetId"]: s for s in api.read("ec2", "DescribeSubnets", region)["Subnets"]}


def default_vpc_ids(api, region):
    """The IDs of the region's default VPCs (one at most; the ``DescribeVpcs`` the flow-log control reads)."""
    return {vpc["VpcId"] for vpc in api.read("ec2", "DescribeVpcs", region)["Vpcs"] if vpc.get("IsDefault")}
