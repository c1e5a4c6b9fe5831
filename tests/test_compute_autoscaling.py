"""FSBP's Auto Scaling controls (groups and launch configurations), proven against moto."""

from compliance.demo.seed_compute import seed_autoscaling_hygiene, seed_autoscaling_violations
from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROL = "controls/autoscaling"
GROUP_CONTROLS = {"autoscaling-elb-health-checks", "autoscaling-multi-az", "autoscaling-multiple-instance-types",
                  "autoscaling-launch-templates"}
CONFIGURATION_CONTROLS = {"autoscaling-launch-configuration-imdsv2", "autoscaling-launch-configuration-hop-limit",
                          "autoscaling-launch-configuration-no-public-ip"}


def findings(results, control):
    return [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in results[control]["findings"]]


def test_compliant_groups_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    seed_autoscaling_hygiene(seeder, PROD, REGION)
    seed_autoscaling_violations(seeder, DEV, REGION)
    seeder.client("autoscaling", DEV, REGION).create_launch_configuration(  # AWS's defaults: IMDSv1, 1 hop
        LaunchConfigurationName="defaults", ImageId="ami-760aaa0f", InstanceType="t3.micro")
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(GROUP_CONTROLS | CONFIGURATION_CONTROLS,
                                                                        "passed"), suite.output
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {r["outcome"] for r in dev.values()} == {"failed"}, suite.output
    assert findings(dev, "autoscaling-elb-health-checks") == [
        ("batch", "the group is behind a load balancer but uses EC2 health checks only")]
    assert findings(dev, "autoscaling-multi-az") == [("batch", f"the group spans 1 Availability Zone(s): {REGION}a")]
    assert findings(dev, "autoscaling-multiple-instance-types") == [
        ("batch", "the group launches a single instance type")]
    assert findings(dev, "autoscaling-launch-templates") == [
        ("batch", "the group launches from the launch configuration batch-public")]
    assert findings(dev, "autoscaling-launch-configuration-imdsv2") == [
        ("batch-public", "the metadata service accepts IMDSv1 (HttpTokens optional)"),
        ("defaults", "the metadata service accepts IMDSv1 (HttpTokens not set)")]
    assert findings(dev, "autoscaling-launch-configuration-hop-limit") == [
        ("batch-public", "the metadata response hop limit is 2")]
    assert findings(dev, "autoscaling-launch-configuration-no-public-ip") == [
        ("batch-public", "instances get a public IPv4 address")]


def test_unreadable_groups_and_configurations_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="autoscaling",
                     operation="DescribeAutoScalingGroups", account=PROD)
    local_aws.inject("AccessDenied", "not authorized", service="autoscaling",
                     operation="DescribeLaunchConfigurations", account=DEV)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), GROUP_CONTROLS, "autoscaling:DescribeAutoScalingGroups")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), CONFIGURATION_CONTROLS,
                      "autoscaling:DescribeLaunchConfigurations")
