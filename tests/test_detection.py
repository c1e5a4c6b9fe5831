"""AWS Config and GuardDuty controls, proven against moto."""

import pytest

from compliance.demo.organization import enable_config, enable_security_hub, seed_audit_roles
from tests.conftest import DEV, MANAGEMENT, PROD, write_baseline

CONTROLS = "controls/detection"
REGION = "eu-west-1"


@pytest.fixture
def baseline(tmp_path, seeder):
    seed_audit_roles(seeder, [MANAGEMENT, PROD, DEV])
    return write_baseline(tmp_path / "baseline.yaml", regions=[REGION], accounts={"list": [
        {"id": MANAGEMENT, "name": "management", "role": "management"},
        {"id": PROD, "name": "prod", "role": "security"},
        {"id": DEV, "name": "dev"},
    ]})


def test_recording_detecting_and_delegated_estate_passes(seeder, baseline, run_suite):
    enable_config(seeder, PROD, REGION)
    seeder.client("guardduty", PROD, REGION).create_detector(Enable=True, Features=[
        {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}, {"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"}])
    seeder.client("guardduty", MANAGEMENT, REGION).enable_organization_admin_account(AdminAccountId=PROD)
    enable_security_hub(seeder, PROD, REGION)
    seeder.client("inspector2", PROD, REGION).enable(accountIds=[PROD], resourceTypes=["EC2"])
    seeder.client("macie2", PROD, REGION).enable_macie()
    suite = run_suite(CONTROLS, baseline=baseline)
    prod = suite.of_account(PROD)
    assert {c: r["outcome"] for c, r in prod.items()} == {
        "config-recording": "passed", "guardduty-enabled": "passed", "security-hub-enabled": "passed",
        "macie-enabled": "passed",
        "inspector-ec2-scanning": "passed", "guardduty-s3-protection": "passed", "guardduty-rds-protection": "passed"}
    delegated = next(r for r in suite.results["results"] if r["control_id"] == "guardduty-delegated-admin")
    assert delegated["outcome"] == "passed", suite.output


def test_each_gap_fails(seeder, baseline, run_suite):
    config = seeder.client("config", DEV, REGION)
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": f"arn:aws:iam::{DEV}:role/config",
        "recordingGroup": {"allSupported": False, "resourceTypes": ["AWS::EC2::Instance"]}})
    seeder.client("guardduty", DEV, REGION).create_detector(Enable=False)
    seeder.client("guardduty", MANAGEMENT, REGION).enable_organization_admin_account(AdminAccountId=DEV)
    suite = run_suite(CONTROLS, baseline=baseline)
    dev = suite.of_account(DEV)
    assert [f["problem"] for f in dev["config-recording"]["findings"]] == [
        "the recorder does not record all supported resource types",
        f"the recorder records with arn:aws:iam::{DEV}:role/config, not AWS Config's service-linked role",
        "the recorder is not recording", "no delivery channel"]
    assert dev["guardduty-enabled"]["findings"][0]["problem"].endswith("is DISABLED")
    assert suite.of_account(PROD)["guardduty-enabled"]["findings"][0]["problem"] == "no enabled detector"
    delegated = next(r for r in suite.results["results"] if r["control_id"] == "guardduty-delegated-admin")
    assert delegated["findings"][0]["problem"] == \
        f"in {REGION} GuardDuty is administered by {DEV}, not the security account {PROD}"


@pytest.mark.parametrize("service, operation, control", [
    ("config", "DescribeConfigurationRecorderStatus", "config-recording"),
    ("guardduty", "GetDetector", "guardduty-enabled"),
    ("guardduty", "ListOrganizationAdminAccounts", "guardduty-delegated-admin")])
def test_unreadable_api_errors(service, operation, control, seeder, baseline, run_suite, local_aws):
    enable_config(seeder, PROD, REGION)
    seeder.client("guardduty", PROD, REGION).create_detector(Enable=True)
    local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation)
    suite = run_suite(CONTROLS, baseline=baseline)
    errored = [r for r in suite.results["results"] if r["control_id"] == control and r["account_id"] in (PROD, None)]
    assert errored and {r["outcome"] for r in errored} == {"error"}
    assert all(f"could not read {service}:{operation}" in r["message"] for r in errored)


def test_security_hub_needs_the_hub_and_both_standards(seeder, baseline, run_suite):
    enable_security_hub(seeder, PROD, REGION)
    enable_security_hub(seeder, DEV, REGION, standards=("cis-aws-foundations-benchmark/v/3.0.0",))
    suite = run_suite("controls/detection/test_detection.py::test_security_hub_enabled", baseline=baseline)
    assert suite.of_account(PROD)["security-hub-enabled"]["outcome"] == "passed", suite.output
    assert [f["problem"] for f in suite.of_account(DEV)["security-hub-enabled"]["findings"]] == [
        "the PCI DSS standard is not enabled (READY)"]
    assert [f["problem"] for f in suite.of_account(MANAGEMENT)["security-hub-enabled"]["findings"]] == [
        "Security Hub is not enabled"]


@pytest.mark.parametrize("operation", ["DescribeHub", "GetEnabledStandards"])
def test_unreadable_security_hub_errors(operation, seeder, baseline, run_suite, local_aws):
    seeder.client("securityhub", PROD, REGION).enable_security_hub(EnableDefaultStandards=False)
    local_aws.inject("AccessDeniedException", "not authorized", service="securityhub", operation=operation,
                     account=PROD)
    suite = run_suite("controls/detection/test_detection.py::test_security_hub_enabled", baseline=baseline)
    result = suite.of_account(PROD)["security-hub-enabled"]
    assert result["outcome"] == "error" and f"could not read securityhub:{operation}" in result["message"]


def test_a_custom_recorder_role_fails_unless_the_baseline_allows_any_role(seeder, tmp_path, run_suite):
    seed_audit_roles(seeder, [PROD])
    enable_config(seeder, PROD, REGION)
    config = seeder.client("config", PROD, REGION)
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": f"arn:aws:iam::{PROD}:role/config", "recordingGroup": {"allSupported": True}})
    accounts = {"list": [{"id": PROD, "name": "prod"}]}
    fsbp = run_suite(CONTROLS, "-k", "config_recording",
                     baseline=write_baseline(tmp_path / "fsbp.yaml", regions=[REGION], accounts=accounts))
    assert [f["problem"] for f in fsbp.result(f"prod-{PROD}-{REGION}")["findings"]] == [
        f"the recorder records with arn:aws:iam::{PROD}:role/config, not AWS Config's service-linked role"]
    cis = run_suite(CONTROLS, "-k", "config_recording", baseline=write_baseline(
        tmp_path / "cis.yaml", regions=[REGION], accounts=accounts,
        controls={"config-recording": {"service_linked_role": False}}))
    assert cis.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", cis.output
