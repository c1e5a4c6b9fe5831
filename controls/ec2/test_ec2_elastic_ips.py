"""No Elastic IP address is left allocated without an association."""

import pytest

from controls.judging import judge_each


def unused(address):
    # AWS leaves AssociationId out of an address that is associated with nothing.
    return None if address.get("AssociationId") else f"the Elastic IP {address['PublicIp']} is not associated"


@pytest.mark.control("ec2-unused-elastic-ips")
def test_ec2_unused_elastic_ips(elastic_ips, evidence):
    judge_each(evidence, "addresses", elastic_ips,
               ("Arn", "AllocationId", "PublicIp", "AssociationId", "InstanceId", "NetworkInterfaceId", "Tags"),
               unused, lambda a: f"aws ec2 release-address --allocation-id {a['AllocationId']}")
