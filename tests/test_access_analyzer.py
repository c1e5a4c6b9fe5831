"""The Access Analyzer control, proven against moto (with the emulation in
compliance/demo/moto_accessanalyzer)."""

import pytest

from tests.conftest import DEV, LOG_ARCHIVE, MANAGEMENT, PROD, organization_baseline

CONTROL = "controls/iam/test_access_analyzer.py"
REGIONS = ["us-east-1", "eu-west-1"]


@pytest.fixture
def baseline(tmp_path):
    return organization_baseline(tmp_path / "baseline.yaml", regions=REGIONS)


def analyzer(seeder, account, region, analyzer_type, name="external"):
    seeder.client("accessanalyzer", account, region).create_analyzer(analyzerName=name, type=analyzer_type)


def test_an_organization_analyzer_covers_members_and_account_analyzers_cover_their_own(
        organization, seeder, baseline, run_suite):
    seeder.client("organizations", MANAGEMENT).register_delegated_administrator(
        AccountId=LOG_ARCHIVE, ServicePrincipal="access-analyzer.amazonaws.com")
    for region in REGIONS:
        analyzer(seeder, LOG_ARCHIVE, region, "ORGANIZATION")
    suite = run_suite(CONTROL, baseline=baseline)
    assert set(suite.outcomes().values()) == {"passed"}, suite.output
    covered = suite.result(f"prod-{PROD}-eu-west-1")["evidence"]["covered_by"]
    assert covered == [f"arn:aws:access-analyzer:eu-west-1:{LOG_ARCHIVE}:analyzer/external"]


def test_regions_without_an_analyzer_fail(organization, seeder, baseline, run_suite):
    analyzer(seeder, MANAGEMENT, "us-east-1", "ORGANIZATION")  # no delegated administrator: management's counts
    analyzer(seeder, DEV, "eu-west-1", "ACCOUNT_UNUSED_ACCESS", "unused")  # finds unused access, not external
    analyzer(seeder, PROD, "eu-west-1", "ACCOUNT")
    suite = run_suite(CONTROL, baseline=baseline)
    failed = {label for label, outcome in suite.outcomes().items() if outcome == "failed"}
    assert failed == {f"{name}-eu-west-1" for name in (f"management-{MANAGEMENT}", f"log-archive-{LOG_ARCHIVE}",
                                                       f"dev-{DEV}")}
    assert suite.result(f"dev-{DEV}-eu-west-1")["findings"][0]["problem"] == (
        f"no active external access analyzer covers eu-west-1, in the account or for the organization "
        f"(administrator {MANAGEMENT})")


@pytest.mark.parametrize("operation, account", [("ListAnalyzers", PROD), ("ListDelegatedAdministrators", None)])
def test_unreadable_api_errors(operation, account, organization, seeder, baseline, run_suite, local_aws):
    service = "access-analyzer" if operation == "ListAnalyzers" else "organizations"
    local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation, account=account)
    suite = run_suite(CONTROL, baseline=baseline)
    errored = {label for label, outcome in suite.outcomes().items() if outcome == "error"}
    if account:
        assert errored == {f"prod-{PROD}-{region}" for region in REGIONS}
    else:  # every member's verdict depends on who administers Access Analyzer
        assert len(errored) == 8
