"""The environment separation control, proven against moto."""


from compliance.demo.organization import LINUX_AMI, create_bucket
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/organization/test_environment_separation.py"
REGIONS = ["us-east-1", "eu-west-1"]


def baseline(tmp_path, prod_environment="prod"):
    return write_baseline(tmp_path / "baseline.yaml", regions=REGIONS, accounts={"list": [
        {"id": PROD, "name": "prod", "environment": prod_environment}, {"id": DEV, "name": "dev"}]})


def instance(seeder, account, region, key, value):
    seeder.client("ec2", account, region).run_instances(
        ImageId=LINUX_AMI, MinCount=1, MaxCount=1,
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": key, "Value": value}]}])


def bucket(seeder, account, name, value):
    create_bucket(seeder, account, name, tags={"environment": value})


def findings(suite, account, label):
    return sorted((f["resource"].split(":")[2], f["problem"]) for f in suite.result(f"{label}-{account}")["findings"])


def test_resources_of_the_declared_environment_pass(seeder, audit_roles, tmp_path, run_suite):
    instance(seeder, PROD, "eu-west-1", "Environment", "Production")  # an alias, in another case
    bucket(seeder, PROD, "prod-data", "prod")
    instance(seeder, DEV, "eu-west-1", "env", "dev")  # dev declares nothing but holds one environment only
    suite = run_suite(CONTROL, baseline=baseline(tmp_path))
    assert set(suite.outcomes().values()) == {"passed"}, suite.output


def test_foreign_and_mixed_environments_fail(seeder, audit_roles, tmp_path, run_suite):
    instance(seeder, PROD, "eu-west-1", "environment", "prod")
    bucket(seeder, PROD, "prod-scratch", "staging")
    instance(seeder, DEV, "us-east-1", "env", "dev")
    instance(seeder, DEV, "eu-west-1", "Env", "PRD")
    suite = run_suite(CONTROL, baseline=baseline(tmp_path))
    assert findings(suite, PROD, "prod") == [("s3", "tagged environment stage in an account declared prod")]
    assert findings(suite, DEV, "dev") == [
        ("ec2", "tagged environment dev in an account whose resources are tagged dev, prod (the baseline declares "
                "no environment for it)"),
        ("ec2", "tagged environment prod in an account whose resources are tagged dev, prod (the baseline declares "
                "no environment for it)")]


def test_unreadable_tags_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="tagging", operation="GetResources",
                     account=PROD, region="eu-west-1")
    suite = run_suite(CONTROL, baseline=baseline(tmp_path))
    prod = suite.result(f"prod-{PROD}")
    assert prod["outcome"] == "error" and "could not read resourcegroupstaggingapi:GetResources" in prod["message"]
    assert suite.result(f"dev-{DEV}")["outcome"] == "passed"
