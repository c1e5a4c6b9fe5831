"""EBS encryption by default, no public AMIs or snapshots, flow logs on every VPC."""

import pytest

from compliance.evidence import Finding


def arn(region, account, kind, resource_id):
    return f"arn:aws:ec2:{region}:{account}:{kind}/{resource_id}"


@pytest.mark.control("ebs-default-encryption")
def test_ebs_default_encryption(ebs_encryption_by_default, region_target, evidence):
    evidence.record("EbsEncryptionByDefault", ebs_encryption_by_default)
    findings = [] if ebs_encryption_by_default else [Finding(
        f"arn:aws:ec2:{region_target.region}:{region_target.account.id}:ebs-encryption-by-default",
        "new EBS volumes are not encrypted by default",
        f"aws ec2 enable-ebs-encryption-by-default --region {region_target.region}")]
    evidence.verdict(findings)


@pytest.mark.control("ec2-images-and-snapshots-not-public")
def test_ec2_images_and_snapshots_not_public(public_snapshots_and_images, region_target, evidence):
    evidence.record("public", public_snapshots_and_images)
    region, account = region_target.region, region_target.account.id
    findings = [
        Finding(arn(region, account, "image", image["ImageId"]), "the AMI is public",
                f"aws ec2 modify-image-attribute --image-id {image['ImageId']} --launch-permission "
                "\"Remove=[{Group=all}]\"")
        for image in public_snapshots_and_images["Images"]
    ] + [
        Finding(arn(region, account, "snapshot", snapshot["SnapshotId"]), "any AWS account may create volumes from the snapshot",
                f"aws ec2 modify-snapshot-attribute --snapshot-id {snapshot['SnapshotId']} --attribute "
                "createVolumePermission --operation-type remove --group-names all")
        for snapshot in public_snapshots_and_images["Snapshots"]
    ]
    evidence.verdict(findings)


def captures_rejected_traffic(flow_log):
    return flow_log.get("FlowLogStatus") == "ACTIVE" and flow_log.get("TrafficType") in ("REJECT", "ALL")


@pytest.mark.control("vpc-flow-logs")
def test_vpc_flow_logs(vpc_flow_logs, region_target, evidence):
    evidence.record("vpcs", vpc_flow_logs)
    findings = [
        Finding(arn(region_target.region, vpc["OwnerId"], "vpc", vpc["VpcId"]),
                "no active flow log captures its rejected traffic",
                f"aws ec2 create-flow-logs --resource-type VPC --resource-ids {vpc['VpcId']} --traffic-type REJECT "
                "--log-destination-type cloud-watch-logs --log-group-name <group> --deliver-logs-permission-arn <role>")
        for vpc in vpc_flow_logs if not any(map(captures_rejected_traffic, vpc["FlowLogs"]))
    ]
    evidence.verdict(findings)
