"""EC2 instances: the metadata service only answers IMDSv2; AWS access comes from an instance role."""

import pytest

from compliance.evidence import Finding

EVIDENCE_FIELDS = ("InstanceId", "State", "MetadataOptions", "IamInstanceProfile", "Tags")


def instance_arn(partition, target, instance):
    return f"arn:{partition}:ec2:{target.region}:{target.account.id}:instance/{instance['InstanceId']}"


def record_instances(evidence, instances):
    evidence.record("instances", [{k: i[k] for k in EVIDENCE_FIELDS if k in i} for i in instances])


def accepts_imdsv1(instance):
    options = instance.get("MetadataOptions", {})
    return options.get("HttpEndpoint") != "disabled" and options.get("HttpTokens") != "required"


@pytest.mark.control("ec2-imdsv2-required")
def test_ec2_imdsv2_required(ec2_instances, region_target, partition, evidence):
    record_instances(evidence, ec2_instances)
    findings = [
        Finding(instance_arn(partition, region_target, i),
                f"the metadata service accepts IMDSv1 (HttpTokens {i.get('MetadataOptions', {}).get('HttpTokens')})",
                f"aws ec2 modify-instance-metadata-options --instance-id {i['InstanceId']} --http-tokens required")
        for i in ec2_instances if accepts_imdsv1(i)
    ]
    evidence.verdict(findings)


@pytest.mark.control("ec2-instance-roles")
def test_ec2_instance_roles(ec2_instances, region_target, partition, evidence):
    record_instances(evidence, ec2_instances)
    findings = [
        Finding(instance_arn(partition, region_target, i), "the instance has no IAM instance profile",
                f"aws ec2 associate-iam-instance-profile --instance-id {i['InstanceId']} --iam-instance-profile "
                "Name=<profile>; remove any access keys stored on the instance")
        for i in ec2_instances if not i.get("IamInstanceProfile")
    ]
    evidence.verdict(findings)
