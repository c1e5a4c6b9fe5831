"""EC2 instance controls (IMDSv2 only, instance roles, no public address, one
network interface), proven against moto."""


from compliance.demo.organization import LINUX_AMI, instance_profile, private_interface
from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROL = "controls/ec2/test_ec2_instances.py"
CONTROLS = {"ec2-imdsv2-required", "ec2-instance-roles", "ec2-no-public-ip", "ec2-single-network-interface"}


def run(seeder, account, private=True, **options):
    ec2 = seeder.client("ec2", account, REGION)
    if private:
        options["NetworkInterfaces"] = [private_interface(ec2)]
    return ec2.run_instances(ImageId=LINUX_AMI, MinCount=1, MaxCount=1, **options)["Instances"][0]["InstanceId"]


def findings(results, control):
    return [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in results[control]["findings"]]


def test_compliant_instances_pass(seeder, audit_roles, regional_baseline, run_suite):
    profile = {"Name": instance_profile(seeder, PROD, "app")}
    run(seeder, PROD, MetadataOptions={"HttpTokens": "required"}, IamInstanceProfile=profile)
    stopped = run(seeder, PROD, MetadataOptions={"HttpEndpoint": "disabled"}, IamInstanceProfile=profile)
    seeder.client("ec2", PROD, REGION).stop_instances(InstanceIds=[stopped])
    gone = run(seeder, PROD, private=False)  # IMDSv1, no role, a public address, but terminated
    seeder.client("ec2", PROD, REGION).terminate_instances(InstanceIds=[gone])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in results.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    assert len(results["ec2-imdsv2-required"]["evidence"]["instances"]) == 2


def test_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    optional = run(seeder, DEV, MetadataOptions={"HttpTokens": "optional"},
                   IamInstanceProfile={"Name": instance_profile(seeder, DEV, "app")})
    stopped = run(seeder, DEV, MetadataOptions={"HttpTokens": "required"})  # no role; stopped still counts
    ec2 = seeder.client("ec2", DEV, REGION)
    ec2.stop_instances(InstanceIds=[stopped])
    public = run(seeder, DEV, private=False, MetadataOptions={"HttpTokens": "required"},
                 IamInstanceProfile={"Name": "app"})
    address = ec2.describe_instances(InstanceIds=[public])["Reservations"][0]["Instances"][0]["PublicIpAddress"]
    second = ec2.create_network_interface(SubnetId=private_interface(ec2)["SubnetId"])["NetworkInterface"]
    ec2.attach_network_interface(NetworkInterfaceId=second["NetworkInterfaceId"], InstanceId=optional, DeviceIndex=1)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {r["outcome"] for r in results.values()} == {"failed"}
    assert findings(results, "ec2-imdsv2-required") == [
        (optional, "the metadata service accepts IMDSv1 (HttpTokens optional)")]
    assert findings(results, "ec2-instance-roles") == [(stopped, "the instance has no IAM instance profile")]
    assert findings(results, "ec2-no-public-ip") == [(public, f"the instance has the public IPv4 address {address}")]
    ((several, problem),) = findings(results, "ec2-single-network-interface")
    assert several == optional and problem.startswith("2 network interfaces: eni-")
    assert second["NetworkInterfaceId"] in problem


def test_unreadable_instances_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation="DescribeInstances",
                     account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert_unreadable(results, CONTROLS, "ec2:DescribeInstances")
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{REGION}").values()} == {"passed"}
