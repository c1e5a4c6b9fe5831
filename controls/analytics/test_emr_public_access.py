"""EMR clusters' primary nodes have no public IP address, and block public access is on."""

import pytest

from compliance.evidence import Finding
from controls.judging import judge_each


def public_primary_nodes(cluster):
    public = [f"{n.get('Ec2InstanceId') or n.get('Id')} ({n['PublicIpAddress']})"
              for n in cluster["PrimaryNodes"] if n.get("PublicIpAddress")]
    return f"primary nodes with a public IP address: {', '.join(public)}" if public else None


@pytest.mark.control("emr-primary-node-no-public-ip")
def test_emr_primary_node_no_public_ip(emr_clusters, evidence):
    judge_each(evidence, "clusters", emr_clusters, ("ClusterArn", "Name", "Ec2InstanceAttributes", "PrimaryNodes"),
               public_primary_nodes,
               lambda c: f"launch {c['Name']} again in a private subnet (no public IP addresses on launch; a NAT "
                         f"gateway or VPC endpoints for what it reaches) and terminate {c['Id']}")


@pytest.mark.control("emr-block-public-access")
def test_emr_block_public_access(emr_block_public_access, region_target, partition, evidence):
    evidence.record("BlockPublicAccessConfiguration", emr_block_public_access)
    region = region_target.region
    evidence.verdict([] if emr_block_public_access.get("BlockPublicSecurityGroupRules") else [Finding(
        f"arn:{partition}:elasticmapreduce:{region}:{region_target.account.id}:block-public-access",
        "EMR block public access is off: clusters may launch with security groups open to the internet",
        "aws emr put-block-public-access-configuration --block-public-access-configuration "
        "'BlockPublicSecurityGroupRules=true,PermittedPublicSecurityGroupRuleRanges=[{MinRange=22,MaxRange=22}]' "
        f"--region {region}")])
