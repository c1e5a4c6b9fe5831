"""An account's inventory is read concurrently ahead of its tests, without
changing what is asked or what is decided."""

import pytest

from compliance.demo.organization import create_key
from tests.conftest import DEV, PROD, write_baseline

CONTROLS = ("controls/kms", "controls/iam", "controls/rds")
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "us-west-2"]


@pytest.fixture
def estate(seeder, audit_roles, tmp_path, local_aws):
    for region in REGIONS:
        create_key(seeder, DEV, region, "no-rotation")
        create_key(seeder, PROD, region, "rotating", rotation_days=365)
    local_aws.latency = 0.05  # requests overlap only if the client sends them concurrently
    return write_baseline(tmp_path / "b.yaml", regions=REGIONS)


def verdicts(suite):
    return {r["nodeid"]: (r["outcome"], r["findings"]) for r in suite.results["results"]}


def test_requests_overlap_up_to_the_configured_concurrency(estate, run_suite, local_aws):
    suite = run_suite(*CONTROLS, "-n", "0", "--max-concurrency=8", baseline=estate)
    # KMS and RDS are read only by the tests: their overlap is the prefetcher's.
    assert 2 <= local_aws.injector.max_in_flight["kms"] <= 8
    assert local_aws.injector.max_in_flight["kms"] + local_aws.injector.max_in_flight["rds"] >= 4
    assert suite.results["run"]["api"]["repeated"] == 0


def test_one_request_at_a_time_without_concurrency(estate, run_suite, local_aws):
    run_suite(*CONTROLS, "-n", "0", "--max-concurrency=1", baseline=estate)
    assert max(local_aws.injector.max_in_flight.values()) == 1


def test_prefetching_changes_neither_questions_nor_verdicts(estate, run_suite, local_aws):
    serial = run_suite(*CONTROLS, "-n", "0", "--max-concurrency=1", baseline=estate)
    concurrent = run_suite(*CONTROLS, "-n", "2", "--max-concurrency=8", baseline=estate)
    assert verdicts(serial) == verdicts(concurrent)
    assert serial.results["run"]["api"]["questions"] == concurrent.results["run"]["api"]["questions"]
    assert concurrent.results["run"]["api"]["repeated"] == 0
