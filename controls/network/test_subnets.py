"""Subnets do not give the instances launched in them a public IPv4 address."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("subnet-no-auto-public-ip")
def test_subnet_no_auto_public_ip(subnets, evidence):
    judge_each(evidence, "subnets", subnets, ("Arn", "SubnetId", "VpcId", "DefaultForAz", "MapPublicIpOnLaunch"),
               lambda s: "the subnet assigns a public IPv4 address at launch" if s["MapPublicIpOnLaunch"] else None,
               lambda s: f"aws ec2 modify-subnet-attribute --subnet-id {s['SubnetId']} --no-map-public-ip-on-launch")
