"""EBS default encryption, public AMIs and snapshots, and VPC flow logs, proven against moto."""

import pytest

from compliance.demo.organization import create_bucket, launch
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/ec2/test_ec2_exposure.py"



def flow_log(seeder, account, vpc_ids, traffic):
    bucket = f"flow-logs-{account}"
    create_bucket(seeder, account, bucket)
    answer = seeder.client("ec2", account, REGION).create_flow_logs(
        ResourceType="VPC", ResourceIds=vpc_ids, TrafficType=traffic, LogDestinationType="s3",
        LogDestination=f"arn:aws:s3:::{bucket}")
    assert not answer["Unsuccessful"], answer["Unsuccessful"]


def snapshot_and_image(seeder, account, public):
    ec2 = seeder.client("ec2", account, REGION)
    volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8)["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    image = ec2.create_image(InstanceId=launch(seeder, account, REGION)[0], Name=f"golden-{account}")["ImageId"]
    shared = {"Group": "all"} if public else {"UserId": PROD if account == DEV else DEV}
    ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add",
                                  **({"GroupNames": ["all"]} if public else {"UserIds": [shared["UserId"]]}))
    ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [shared]})
    return ec2, snapshot, image


def test_an_encrypted_logged_private_region_passes(seeder, audit_roles, regional_baseline, run_suite):
    ec2, _, _ = snapshot_and_image(seeder, PROD, public=False)
    ec2.enable_ebs_encryption_by_default()
    flow_log(seeder, PROD, [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]], "REJECT")
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {r["outcome"] for r in results.values()} == {"passed"} and len(results) == 3, suite.output


def test_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    ec2, snapshot, image = snapshot_and_image(seeder, DEV, public=True)
    default_vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    ec2.create_vpc(CidrBlock="10.9.0.0/16")  # no flow log at all
    flow_log(seeder, DEV, [default_vpc], "ACCEPT")  # accepted traffic only
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    assert results["ebs-default-encryption"]["findings"][0]["problem"] == "new EBS volumes are not encrypted by default"
    exposed = {f["resource"].rsplit("/", 1)[1]: f["problem"] for f in
               results["ec2-images-and-snapshots-not-public"]["findings"]}
    assert exposed == {image: "the AMI is public", snapshot: "any AWS account may create volumes from the snapshot"}
    assert len(results["vpc-flow-logs"]["findings"]) == 2


def test_private_snapshots_and_images_cost_nothing_more(seeder, audit_roles, regional_baseline, run_suite):
    """Public snapshots and images are asked for with AWS's filters: a region
    holding forty private snapshots costs the same two requests as an empty one."""
    snapshot_and_image(seeder, PROD, public=True)
    ec2 = seeder.client("ec2", DEV, REGION)
    volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=8)["VolumeId"]
    for _ in range(40):
        ec2.create_snapshot(VolumeId=volume)
    suite = run_suite(CONTROL, "-k", "images_and_snapshots", baseline=regional_baseline)
    assert suite.result(f"dev-{DEV}-{REGION}")["outcome"] == "passed", suite.output
    assert len(suite.result(f"prod-{PROD}-{REGION}")["findings"]) == 2
    requests = suite.results["run"]["api"]["by_operation"]
    assert (requests["ec2:DescribeSnapshots"], requests["ec2:DescribeImages"]) == (2, 2)  # one each per account-region
    assert "ec2:DescribeSnapshotAttribute" not in requests


@pytest.mark.parametrize("operation, errored", [
    ("GetEbsEncryptionByDefault", {"ebs-default-encryption"}),
    ("DescribeSnapshots", {"ec2-images-and-snapshots-not-public"}),
    ("DescribeImages", {"ec2-images-and-snapshots-not-public"}),
    ("DescribeFlowLogs", {"vpc-flow-logs"})])
def test_unreadable_api_errors(operation, errored, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    snapshot_and_image(seeder, PROD, public=False)
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c for c, r in results.items() if r["outcome"] == "error"} == errored
