"""The Elastic Beanstalk controls (controls/devtools), proven against moto."""

from compliance.demo.seed_apps import beanstalk_environment
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/devtools/test_beanstalk_environments.py"
CONTROLS = {"beanstalk-enhanced-health", "beanstalk-log-streaming"}
OTHER_REGION = "us-east-1"


def test_healthy_streaming_environments_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline, run_suite):
    beanstalk_environment(seeder, PROD, REGION, "shop", "shop-prod")
    beanstalk_environment(seeder, DEV, REGION, "shop", "shop-basic", enhanced=False)
    beanstalk_environment(seeder, DEV, REGION, "shop", "shop-quiet", stream_logs=False)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    arn = f"arn:aws:elasticbeanstalk:{REGION}:{DEV}:environment/shop/"
    assert findings(dev) == {
        "beanstalk-enhanced-health": [(arn + "shop-basic", "its health reporting is basic")],
        "beanstalk-log-streaming": [(arn + "shop-quiet", "it does not stream its logs to CloudWatch Logs")]}


def test_each_unreadable_read_errors_every_control(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        beanstalk_environment(seeder, account, REGION, "shop", "shop-prod")
    local_aws.inject("AccessDenied", "not authorized", service="elasticbeanstalk", operation="DescribeEnvironments",
                     account=PROD)
    local_aws.inject("AccessDenied", "not authorized", service="elasticbeanstalk",
                     operation="DescribeConfigurationSettings", account=DEV)
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), CONTROLS, "elasticbeanstalk:DescribeEnvironments")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), CONTROLS,
                      "elasticbeanstalk:DescribeConfigurationSettings")


def test_moto_reports_configuration_settings_as_aws_does(local_aws, seeder):
    beanstalk_environment(seeder, PROD, REGION, "shop", "shop-prod", enhanced=False, stream_logs=False)
    (settings,) = seeder.client("elasticbeanstalk", PROD, REGION).describe_configuration_settings(
        ApplicationName="shop", EnvironmentName="shop-prod")["ConfigurationSettings"]
    assert {(o["OptionName"], o["Value"]) for o in settings["OptionSettings"]} == {
        ("SystemType", "basic"), ("StreamLogs", "false")}
