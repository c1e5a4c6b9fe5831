"""The Lambda function controls (controls/serverless), proven against moto."""

from compliance.demo.organization import create_function
from compliance.demo.seed_apps import lambda_function
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/serverless/test_lambda_functions.py"
CONTROLS = {"lambda-supported-runtime", "lambda-in-vpc", "lambda-multi-az"}
OTHER_REGION = "us-east-1"


def test_current_functions_in_two_zones_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline, run_suite):
    lambda_function(seeder, PROD, REGION, "orders")
    lambda_function(seeder, PROD, REGION, "future", runtime="python3.13", zones=3)
    lambda_function(seeder, DEV, REGION, "old", runtime="python3.9")
    lambda_function(seeder, DEV, REGION, "single-zone", zones=1)
    lambda_function(seeder, DEV, REGION, "outside", zones=0)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    arn = f"arn:aws:lambda:{REGION}:{DEV}:function:"
    assert findings(dev) == {
        "lambda-supported-runtime": [(arn + "old", "it runs on python3.9, deprecated by AWS since 2025-12-15")],
        "lambda-in-vpc": [(arn + "outside", "the function is not connected to a VPC")],
        "lambda-multi-az": [(arn + "single-zone",
                             f"its subnets are in 1 Availability Zone(s) ({REGION}a), fewer than 2")]}


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    lambda_function(seeder, PROD, REGION, "orders")
    create_function(seeder, DEV, REGION, "outside-any-vpc")
    local_aws.inject("AccessDeniedException", "not authorized", service="lambda", operation="ListFunctions",
                     account=PROD, region=OTHER_REGION)
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation="DescribeSubnets")
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{OTHER_REGION}"), CONTROLS, "lambda:ListFunctions")
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), {"lambda-multi-az"}, "ec2:DescribeSubnets")
    # no function in a VPC: no subnets to read
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{REGION}").values()} == {"passed", "failed"}
    assert suite.by_control(f"dev-{DEV}-{REGION}")["lambda-multi-az"]["outcome"] == "passed"
