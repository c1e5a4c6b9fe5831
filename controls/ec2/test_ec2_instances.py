"""EC2 instances: the metadata service only answers IMDSv2; AWS access comes
from an instance role; no public IPv4 address; one network interface."""

from controls.ec2.instances import instances_test
from controls.ec2.metadata_service import accepts_imdsv1


def instance_accepts_imdsv1(instance):
    return accepts_imdsv1(instance.get("MetadataOptions", {}))


def has_no_role(instance):
    return None if instance.get("IamInstanceProfile") else "the instance has no IAM instance profile"


def has_public_ip(instance):
    address = instance.get("PublicIpAddress")
    return f"the instance has the public IPv4 address {address}" if address else None


def has_several_interfaces(instance):
    interfaces = instance.get("NetworkInterfaces", [])
    if len(interfaces) > 1:
        return f"{len(interfaces)} network interfaces: {', '.join(n['NetworkInterfaceId'] for n in interfaces)}"
    return None


test_ec2_imdsv2_required = instances_test(
    "ec2-imdsv2-required", instance_accepts_imdsv1,
    lambda i: f"aws ec2 modify-instance-metadata-options --instance-id {i['InstanceId']} --http-tokens required")
test_ec2_instance_roles = instances_test(
    "ec2-instance-roles", has_no_role,
    lambda i: (f"aws ec2 associate-iam-instance-profile --instance-id {i['InstanceId']} --iam-instance-profile "
               "Name=<profile>; remove any access keys stored on the instance"))
test_ec2_no_public_ip = instances_test(
    "ec2-no-public-ip", has_public_ip,
    lambda i: (f"launch {i['InstanceId']}'s replacement in a private subnet without a public address "
               "(--no-associate-public-ip-address), reached through a load balancer, NAT or Session Manager; "
               "release or disassociate any Elastic IP"))
test_ec2_single_network_interface = instances_test(
    "ec2-single-network-interface", has_several_interfaces,
    lambda i: (f"aws ec2 detach-network-interface for each interface of {i['InstanceId']} beyond the primary "
               "that is not needed, so that the instance does not bridge subnets or security boundaries"))
