"""Bad input stops the run at start-up with a usage error that says what to
fix, never a traceback."""

import hashlib
import json

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


SSO_START = "https://example.awsapps.com/start"
SSO_PROFILE = (f"[profile sso-user]\nsso_start_url = {SSO_START}\nsso_region = us-east-1\n"
               "sso_account_id = 123456789012\nsso_role_name = Audit\n")


def with_config(tmp_path, text, **extra):
    """offline_env with ``text`` as the AWS config file."""
    path = tmp_path / "config"
    path.write_text(text)
    return offline_env(AWS_CONFIG_FILE=str(path), **extra)


@pytest.mark.parametrize("option, env", [("--aws-profile=nope", {}), (None, {"AWS_PROFILE": "nope"})],
                         ids=["--aws-profile", "AWS_PROFILE"])
def test_a_profile_that_does_not_exist(tmp_path, run_suite, option, env):
    env = with_config(tmp_path, "[profile audit]\nregion = eu-west-1\n", **env)
    suite = run_suite(*[option] * bool(option), baseline=write_baseline(tmp_path / "b.yaml"), env=env)
    assert_usage_error(suite, "the AWS profile 'nope' does not exist", "(profiles there: audit)",
                       "--aws-profile or AWS_PROFILE", "aws configure --profile nope")


@pytest.mark.parametrize("token", [None, {"accessToken": "expired", "expiresAt": "2020-01-01T00:00:00Z"}],
                         ids=["never logged in", "expired"])
def test_an_sso_session_that_has_expired_or_never_started(tmp_path, run_suite, token):
    home = tmp_path / "home"
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    if token:
        (cache / f"{hashlib.sha1(SSO_START.encode()).hexdigest()}.json").write_text(json.dumps(token))
    env = with_config(tmp_path, SSO_PROFILE, HOME=str(home))
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    suite = run_suite("--aws-profile=sso-user", baseline=write_baseline(tmp_path / "b.yaml"), env=env)
    assert_usage_error(suite, "the SSO session of the starting identity (profile sso-user) has expired or was never "
                       "started", "Run `aws sso login --profile sso-user`")


@pytest.mark.parametrize("setting", ["AWS_ENDPOINT_URL_STS", "endpoint_url in the profile default of"])
def test_an_endpoint_that_cannot_be_reached_names_its_setting(tmp_path, run_suite, setting):
    if setting == "AWS_ENDPOINT_URL_STS":
        env = offline_env(AWS_ENDPOINT_URL_STS="http://127.0.0.1:9")
    else:
        env = with_config(tmp_path, "[default]\nendpoint_url = http://127.0.0.1:9\n")
    suite = run_suite("--max-attempts=1", baseline=write_baseline(tmp_path / "b.yaml"), env=env, endpoint=False)
    assert_usage_error(suite, f"cannot reach the sts endpoint http://127.0.0.1:9, set by {setting}",
                       "Could not connect to the endpoint URL", f"correct or remove {setting}")
