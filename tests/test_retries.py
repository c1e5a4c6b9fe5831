"""Retries follow the SDK configuration, and keep their state per identity,
service and region: a throttled account spends its own retry quota and slows
its own requests, not those of the accounts that share its clients."""

import pytest
from botocore.exceptions import ClientError
from botocore.retries import standard

from compliance.aws import retries
from compliance.aws.metering import Meter
from compliance.aws.sessions import Connection, RoleAssumer
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID
from compliance.errors import ConfigurationError
from tests.conftest import DEV, PROD


class Profile:
    """A botocore session's stand-in: its profile's settings."""

    def __init__(self, **config):
        self.config = config

    def get_scoped_config(self):
        return self.config


@pytest.fixture
def no_sdk_retry_settings(monkeypatch):
    monkeypatch.delenv("AWS_RETRY_MODE", raising=False)
    monkeypatch.delenv("AWS_MAX_ATTEMPTS", raising=False)


def test_without_settings_retries_are_adaptive_with_five_attempts(no_sdk_retry_settings):
    assert retries.settings(Profile()) == ("adaptive", 5)


def test_the_profile_then_the_environment_then_the_command_line_decide(no_sdk_retry_settings, monkeypatch):
    profile = Profile(retry_mode="standard", max_attempts="3")
    assert retries.settings(profile) == ("standard", 3)
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "7")
    assert retries.settings(profile) == ("legacy", 7)
    assert retries.settings(profile, max_attempts=2) == ("legacy", 2)


@pytest.mark.parametrize("config, named", [
    ({"retry_mode": "fast"}, "retry mode 'fast'"),
    ({"max_attempts": "many"}, "max_attempts 'many'"),
    ({"max_attempts": "0"}, "0 attempts per request")])
def test_bad_settings_are_named(config, named, no_sdk_retry_settings):
    with pytest.raises(ConfigurationError, match=named):
        retries.settings(Profile(**config))


@pytest.fixture
def standard_retries_without_backoff(monkeypatch, offline):
    """Offline, in standard mode (its retry quota, without adaptive's rate
    limiting) and no sleeping between attempts: what is tested is whose quota
    a retry spends."""
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")
    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", lambda self, context: 0)


def test_one_throttled_account_does_not_spend_the_others_retries(standard_retries_without_backoff, local_aws,
                                                                 audit_roles):
    connection = Connection(Meter(), endpoint_url=local_aws.url, max_attempts=2)
    credentials = {account_id: RoleAssumer(connection, connection.starting_credentials(),
                                           f"arn:aws:iam::{account_id}:role/{AUDIT_ROLE}", "retries", EXTERNAL_ID,
                                           3600, "us-east-1").credentials() for account_id in (PROD, DEV)}
    kms = connection.client("kms", "us-east-1")

    def list_keys(account_id):
        with connection.signed_as(credentials[account_id]):
            return kms.list_keys()

    local_aws.inject("ThrottlingException", "Rate exceeded", service="kms", account=PROD)
    for _ in range(110):  # each spends 5 of the 500 units of a retry quota, and fails
        with pytest.raises(ClientError, match="ThrottlingException"):
            list_keys(PROD)
    local_aws.inject("ThrottlingException", "Rate exceeded", service="kms", account=DEV, remaining=1)
    assert list_keys(DEV)["ResponseMetadata"]["RetryAttempts"] == 1  # its own quota still pays for a retry
    with pytest.raises(ClientError) as exhausted:
        list_keys(PROD)
    assert exhausted.value.response["ResponseMetadata"].get("RetryAttempts", 0) == 0  # PROD's quota is spent
