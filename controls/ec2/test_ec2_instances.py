"""EC2 instances: the metadata service only answers IMDSv2; AWS access comes
from an instance role; no public IPv4 address; one network interface."""

import pytest

from compliance.evidence import Finding

EVIDENCE_FIELDS = ("InstanceId", "State", "MetadataOptions", "IamInstanceProfile", "PublicIpAddress", "Tags")


def instance_arn(partition, target, instance):
    return f"arn:{partition}:ec2:{target.region}:{target.account.id}:instance/{instance['InstanceId']}"


def record_instances(evidence, instances):
    evidence.record("instances", [
        {**{k: i[k] for k in EVIDENCE_FIELDS if k in i},
         "NetworkInterfaces": [n["NetworkInterfaceId"] for n in i.get("NetworkInterfaces", [])]}
        for i in instances])


def instances_test(control, problem, fix):
    """A control over the region's instances: each instance for which
    ``problem(instance)`` says what is wrong is a finding, fixed by ``fix(instance)``."""
    @pytest.mark.control(control)
    def test(ec2_instances, region_target, partition, evidence):
        record_instances(evidence, ec2_instances)
        evidence.verdict([Finding(instance_arn(partition, region_target, i), problem(i), fix(i))
                          for i in ec2_instances if problem(i)])
    return test


def accepts_imdsv1(instance):
    options = instance.get("MetadataOptions", {})
    if options.get("HttpEndpoint") != "disabled" and options.get("HttpTokens") != "required":
        return f"the metadata service accepts IMDSv1 (HttpTokens {options.get('HttpTokens')})"
    return None


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
    "ec2-imdsv2-required", accepts_imdsv1,
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
