"""The Config aggregation control, proven against moto."""

import pytest

from tests.conftest import DEV, LOG_ARCHIVE, MANAGEMENT, OUTSIDER, PROD, write_baseline

CONTROL = "controls/detection/test_detection.py::test_config_aggregated"
REGIONS = ["us-east-1", "eu-west-1"]
ROLE = f"arn:aws:iam::{LOG_ARCHIVE}:role/config-aggregation"


@pytest.fixture
def baseline(tmp_path):
    """log-archive plays the security account here."""
    return write_baseline(tmp_path / "baseline.yaml", regions=REGIONS, accounts={"list": [
        {"id": MANAGEMENT, "name": "management", "role": "management"},
        {"id": LOG_ARCHIVE, "name": "security", "role": "security"},
        {"id": PROD, "name": "prod"}, {"id": DEV, "name": "dev"}, {"id": OUTSIDER, "name": "outsider"}]})


def aggregator(seeder, region="us-east-1", **source):
    seeder.client("config", LOG_ARCHIVE, region).put_configuration_aggregator(
        ConfigurationAggregatorName=f"aggregator-{len(source)}-{region}", **source)



def test_an_organization_source_and_an_account_source_cover_everything(organization, seeder, baseline, run_suite):
    aggregator(seeder, "eu-west-1", OrganizationAggregationSource={"RoleArn": ROLE, "AllAwsRegions": True})
    aggregator(seeder, AccountAggregationSources=[{"AccountIds": [OUTSIDER], "AwsRegions": REGIONS}])
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_accounts_and_regions_left_out_fail(organization, seeder, baseline, run_suite):
    aggregator(seeder, OrganizationAggregationSource={"RoleArn": ROLE, "AwsRegions": ["us-east-1"]})
    suite = run_suite(CONTROL, baseline=baseline)
    findings = {f["resource"].split(":")[4]: f["problem"] for f in suite.only()["findings"]}
    assert findings == {
        **{account: f"AWS Config data of eu-west-1 is not aggregated in the security account {LOG_ARCHIVE}"
           for account in (MANAGEMENT, LOG_ARCHIVE, PROD, DEV)},
        OUTSIDER: f"AWS Config data of eu-west-1, us-east-1 is not aggregated in the security account {LOG_ARCHIVE}"}


@pytest.mark.parametrize("service, operation, account", [
    ("config", "DescribeConfigurationAggregators", LOG_ARCHIVE), ("organizations", "ListAccounts", MANAGEMENT)])
def test_unreadable_api_errors(service, operation, account, organization, seeder, baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation, account=account)
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.only()["outcome"] == "error" and f"could not read {service}:{operation}" in suite.only()["message"]
