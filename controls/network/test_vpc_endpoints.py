"""Every VPC reaches the Amazon EC2 API through a VPC endpoint."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("vpc-ec2-endpoint")
def test_vpc_ec2_endpoint(vpc_ec2_endpoints, region_target, evidence):
    judge_each(evidence, "vpcs", vpc_ec2_endpoints, ("Arn", "VpcId", "IsDefault", "Ec2Endpoints"),
               lambda v: None if v["Ec2Endpoints"] else "no VPC endpoint for the Amazon EC2 service",
               lambda v: (f"aws ec2 create-vpc-endpoint --vpc-id {v['VpcId']} --vpc-endpoint-type Interface "
                          f"--service-name com.amazonaws.{region_target.region}.ec2 --subnet-ids <subnets> "
                          "--security-group-ids <group> --private-dns-enabled"))
