"""What the EC2 instance controls share: the evidence each records and the
shape of a control judging every instance of the region."""

import pytest

from compliance.evidence import Finding

EVIDENCE_FIELDS = ("InstanceId", "State", "MetadataOptions", "IamInstanceProfile", "PublicIpAddress", "Tags",
                   "VirtualizationType", "StateTransitionReason")


def instance_arn(partition, target, instance):
    return f"arn:{partition}:ec2:{target.region}:{target.account.id}:instance/{instance['InstanceId']}"


def record_instances(evidence, instances):
    evidence.record("instances", [
        {**{k: i[k] for k in EVIDENCE_FIELDS if k in i},
         "NetworkInterfaces": [n["NetworkInterfaceId"] for n in i.get("NetworkInterfaces", [])]}
        for i in instances])


def judge_instances(evidence, instances, partition, target, problem, fix):
    """Record the instances, then a finding for each one for which
    ``problem(instance)`` says what is wrong, fixed by ``fix(instance)``."""
    record_instances(evidence, instances)
    evidence.verdict([Finding(instance_arn(partition, target, i), p, fix(i)) for i in instances if (p := problem(i))])


def instances_test(control, problem, fix):
    """A control over the region's instances, judged as ``judge_instances`` does."""
    @pytest.mark.control(control)
    def test(ec2_instances, region_target, partition, evidence):
        judge_instances(evidence, ec2_instances, partition, region_target, problem, fix)
    return test
