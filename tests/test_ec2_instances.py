"""EC2 instance controls (IMDSv2 only, instance roles), proven against moto."""


from compliance.demo.organization import LINUX_AMI, instance_profile
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/ec2/test_ec2_instances.py"



def run(seeder, account, **options):
    ec2 = seeder.client("ec2", account, REGION)
    return ec2.run_instances(ImageId=LINUX_AMI, MinCount=1, MaxCount=1, **options)["Instances"][0]["InstanceId"]


def test_imdsv2_only_instances_with_roles_pass(seeder, audit_roles, regional_baseline, run_suite):
    profile = {"Name": instance_profile(seeder, PROD, "app")}
    run(seeder, PROD, MetadataOptions={"HttpTokens": "required"}, IamInstanceProfile=profile)
    stopped = run(seeder, PROD, MetadataOptions={"HttpEndpoint": "disabled"}, IamInstanceProfile=profile)
    seeder.client("ec2", PROD, REGION).stop_instances(InstanceIds=[stopped])
    gone = run(seeder, PROD)  # IMDSv1 and no role, but terminated
    seeder.client("ec2", PROD, REGION).terminate_instances(InstanceIds=[gone])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in results.items()} == {
        "ec2-imdsv2-required": "passed", "ec2-instance-roles": "passed"}, suite.output
    assert len(results["ec2-imdsv2-required"]["evidence"]["instances"]) == 2


def test_imdsv1_and_missing_roles_fail(seeder, audit_roles, regional_baseline, run_suite):
    optional = run(seeder, DEV, MetadataOptions={"HttpTokens": "optional"},
                   IamInstanceProfile={"Name": instance_profile(seeder, DEV, "app")})
    stopped = run(seeder, DEV, MetadataOptions={"HttpTokens": "required"})  # no role; stopped still counts
    seeder.client("ec2", DEV, REGION).stop_instances(InstanceIds=[stopped])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    assert [(f["resource"], f["problem"]) for f in results["ec2-imdsv2-required"]["findings"]] == [
        (f"arn:aws:ec2:{REGION}:{DEV}:instance/{optional}",
         "the metadata service accepts IMDSv1 (HttpTokens optional)")]
    assert [(f["resource"], f["problem"]) for f in results["ec2-instance-roles"]["findings"]] == [
        (f"arn:aws:ec2:{REGION}:{DEV}:instance/{stopped}", "the instance has no IAM instance profile")]


def test_unreadable_instances_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation="DescribeInstances",
                     account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {r["outcome"] for r in results.values()} == {"error"}
    assert all("could not read ec2:DescribeInstances" in r["message"] for r in results.values())
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{REGION}").values()} == {"passed"}
