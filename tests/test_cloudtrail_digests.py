"""The digest chain control, proven against moto."""

import datetime

import pytest

from compliance.demo.organization import create_bucket, create_organization_trail, write_digests
from controls.cloudtrail.test_cloudtrail_digests import gaps
from tests.conftest import DEV, LOG_ARCHIVE, MANAGEMENT, PROD

CONTROL = "controls/cloudtrail/test_cloudtrail_digests.py"
ACCOUNTS = [MANAGEMENT, LOG_ARCHIVE, PROD, DEV]



@pytest.fixture
def trail(seeder, organization):
    create_bucket(seeder, LOG_ARCHIVE, "org-archive")
    create_organization_trail(seeder, "org-trail", "org-archive")
    return organization



def test_an_hourly_chain_for_every_account_passes(seeder, trail, home_region_baseline, run_suite):
    for account in ACCOUNTS:
        write_digests(seeder, LOG_ARCHIVE, "org-archive", trail, account, "org-trail")
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_the_accounts_digests_are_listed_side_by_side(seeder, trail, home_region_baseline, run_suite, local_aws):
    for account in ACCOUNTS:
        write_digests(seeder, LOG_ARCHIVE, "org-archive", trail, account, "org-trail")
    local_aws.latency = 0.05
    suite = run_suite(CONTROL, "-n", "0", "--max-concurrency=3", baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed" and suite.results["run"]["api"]["repeated"] == 0
    assert 2 <= local_aws.injector.max_in_flight["s3"] <= 3


def test_gaps_and_silent_accounts_fail(seeder, trail, home_region_baseline, run_suite):
    for account in (MANAGEMENT, LOG_ARCHIVE):
        write_digests(seeder, LOG_ARCHIVE, "org-archive", trail, account, "org-trail")
    write_digests(seeder, LOG_ARCHIVE, "org-archive", trail, PROD, "org-trail", missing=(5, 6, 7))
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    problems = sorted(f["problem"].split(" from ")[0] + " (" + f["problem"].rsplit("(", 1)[1]
                      for f in suite.only()["findings"])
    assert problems == [f"no digest file for account {PROD} (4 hours)", f"no digest file for account {DEV} (24 hours)"]


def test_no_validated_trail_in_the_archive_fails(seeder, organization, home_region_baseline, run_suite):
    create_bucket(seeder, LOG_ARCHIVE, "org-archive")
    create_organization_trail(seeder, "org-trail", "org-archive", validation=False)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"] for f in suite.only()["findings"]] == [
        "no organization trail with log file validation delivers to the log-archive account"]


@pytest.mark.parametrize("service, operation, account", [
    ("s3", "ListObjectsV2", LOG_ARCHIVE), ("organizations", "DescribeOrganization", MANAGEMENT)])
def test_unreadable_api_errors(service, operation, account, seeder, trail, home_region_baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=account)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error" and f"could not read {service}:{operation}" in suite.only()["message"]


def test_gap_arithmetic():
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    hour = datetime.timedelta(hours=1)
    hourly = [start + n * hour for n in range(1, 24)]
    assert gaps(hourly, start, start + 24 * hour, 2 * hour) == []
    assert gaps(hourly[:10] + hourly[13:], start, start + 24 * hour, 2 * hour) == [(hourly[9], hourly[13])]
    assert gaps([], start, start + 24 * hour, 2 * hour) == [(start, start + 24 * hour)]
