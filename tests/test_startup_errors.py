"""Bad input stops the run at start-up with a usage error that says what to
fix, never a traceback."""

import pytest

from tests.conftest import offline_env, write_baseline


def assert_usage_error(suite, *fragments):
    assert suite.returncode == 4, suite.output
    assert "Traceback" not in suite.output and "INTERNALERROR" not in suite.output, suite.output
    for fragment in fragments:
        assert fragment in suite.output, suite.output


def test_missing_credentials(tmp_path, run_suite):
    env = offline_env()
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    suite = run_suite(baseline=write_baseline(tmp_path / "b.yaml"), env=env)
    assert_usage_error(suite, "no AWS credentials found for the starting identity", "AWS_PROFILE", "--demo")


def test_rejected_credentials(tmp_path, run_suite, local_aws):
    local_aws.inject("InvalidClientTokenId", "The security token included in the request is invalid.",
                     service="sts", operation="GetCallerIdentity")
    suite = run_suite(baseline=write_baseline(tmp_path / "b.yaml"))
    assert_usage_error(suite, "the starting AWS credentials do not work", "InvalidClientTokenId")


@pytest.mark.parametrize(
    "option, message",
    [
        ("--accounts=12345,444455556666", "--accounts: 12345 is not an AWS account ID; give comma-separated 12-digit IDs"),
        ("--accounts=,", "--accounts: (empty) is not an AWS account ID"),
        ("--regions=eu-west-1,us-est-1", "--regions: 'us-est-1' is not an AWS region known to botocore"),
    ],
)
def test_malformed_command_line(tmp_path, run_suite, option, message):
    assert_usage_error(run_suite(option, baseline=write_baseline(tmp_path / "b.yaml")), message)


def test_malformed_baseline_names_file_line_and_key(tmp_path, run_suite):
    path = write_baseline(tmp_path / "b.yaml", regions=["eu-west-1", "mars-north-1"])
    assert_usage_error(run_suite(baseline=path), "b.yaml:", "regions.1: 'mars-north-1' is not an AWS region")


def test_unreadable_baseline(tmp_path, run_suite):
    assert_usage_error(run_suite(baseline=tmp_path / "missing.yaml"), "missing.yaml: cannot read the file")


def test_no_default_baseline_explains_how_to_start(run_suite):
    assert_usage_error(run_suite(), "no baseline at baselines/org.yaml", "example-org.yaml", "--demo")


def test_discovery_denied_explains_where_to_run(tmp_path, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not in an organization", service="organizations", operation="ListAccounts")
    suite = run_suite(baseline=write_baseline(tmp_path / "b.yaml", accounts={"discover": "organization"}))
    assert_usage_error(suite, "cannot discover the organization's accounts", "AccessDeniedException",
                       "management account or a delegated administrator")
