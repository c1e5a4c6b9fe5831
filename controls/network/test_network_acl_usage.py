"""No network ACL is left associated with no subnet."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("network-acl-unused")
def test_network_acl_unused(network_acls, region_target, partition, evidence):
    judge_each(evidence, "network_acls", [
        {"Arn": f"arn:{partition}:ec2:{region_target.region}:{acl['OwnerId']}:network-acl/{acl['NetworkAclId']}",
         **{k: acl.get(k) for k in ("NetworkAclId", "VpcId", "IsDefault")},
         "Subnets": [a["SubnetId"] for a in acl.get("Associations", [])]} for acl in network_acls],
        ("Arn", "NetworkAclId", "VpcId", "IsDefault", "Subnets"),
        lambda a: None if a["Subnets"] else "the network ACL is associated with no subnet",
        lambda a: f"aws ec2 delete-network-acl --network-acl-id {a['NetworkAclId']}")
