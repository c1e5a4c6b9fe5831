"""The delegated administrators control, proven against moto."""

import pytest

from tests.conftest import LOG_ARCHIVE, MANAGEMENT

CONTROL = "controls/organization/test_delegated_administrators.py"
SERVICES = ["guardduty.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com",
            "access-analyzer.amazonaws.com", "inspector2.amazonaws.com"]



def delegate(seeder, services):
    for service in services:
        seeder.client("organizations", MANAGEMENT).register_delegated_administrator(
            AccountId=LOG_ARCHIVE, ServicePrincipal=service)



def test_every_service_delegated_passes(seeder, organization, home_region_baseline, run_suite):
    delegate(seeder, SERVICES)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_services_without_a_delegate_fail(seeder, organization, home_region_baseline, run_suite):
    delegate(seeder, SERVICES[:2])
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"].split(" ")[0] for f in suite.only()["findings"]] == SERVICES[2:]


@pytest.mark.parametrize("operation", ["ListDelegatedAdministrators", "ListDelegatedServicesForAccount"])
def test_unreadable_api_errors(operation, seeder, organization, home_region_baseline, run_suite, local_aws):
    delegate(seeder, SERVICES[:1])
    local_aws.inject("AccessDeniedException", "not authorized", service="organizations", operation=operation,
                     account=MANAGEMENT)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error"
