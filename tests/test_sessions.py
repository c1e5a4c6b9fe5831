"""Audit-role credentials refresh themselves before they expire; the shared
clients sign each request as the caller that makes it, and as nobody else."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from botocore.exceptions import NoCredentialsError

from compliance.aws.metering import Meter
from compliance.aws.sessions import Connection, RoleAssumer, default_session_name
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID
from tests.conftest import DEV, PROD


@pytest.fixture
def connection(local_aws, audit_roles, offline):
    return Connection(Meter(), endpoint_url=local_aws.url)


def assumer(connection, session_name, duration, account_id=PROD):
    return RoleAssumer(connection, connection.starting_credentials(), f"arn:aws:iam::{account_id}:role/{AUDIT_ROLE}",
                       session_name, EXTERNAL_ID, duration, "us-east-1")


def caller(connection, credentials):
    with connection.signed_as(credentials):
        return connection.client("sts", "us-east-1").get_caller_identity()


def test_expiring_credentials_are_refreshed_by_assuming_the_role_again(connection):
    refreshing = assumer(connection, "refresh-test", 900)
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30)
    credentials = refreshing.credentials({**refreshing.fetch(), "expiry_time": soon.isoformat()})

    identity = caller(connection, credentials)

    assert identity["Account"] == PROD
    assert identity["Arn"].endswith(f"assumed-role/{AUDIT_ROLE}/refresh-test")
    assert connection.meter.requests["sts:AssumeRole"] == 2  # the hand-over, then the refresh


def test_fresh_credentials_are_used_as_handed_over(connection):
    fresh = assumer(connection, "no-refresh", 3600)
    caller(connection, fresh.credentials(fresh.fetch()))
    assert connection.meter.requests["sts:AssumeRole"] == 1


def test_one_shared_client_signs_each_request_as_its_own_caller(connection):
    credentials = {account_id: assumer(connection, "shared", 3600, account_id).credentials()
                   for account_id in (PROD, DEV)}
    callers = [PROD, DEV] * 20

    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(lambda account_id: caller(connection, credentials[account_id])["Account"], callers))

    assert seen == callers
    assert len({id(connection.client("sts", "us-east-1")) for _ in range(3)}) == 1


def test_a_request_outside_signed_as_is_refused_not_sent_as_someone_else(connection, local_aws):
    sent = len(local_aws.injector.log)
    with pytest.raises(NoCredentialsError):
        connection.client("sts", "us-east-1").get_caller_identity()
    assert len(local_aws.injector.log) == sent


def test_default_session_name_identifies_user_and_time():
    name = default_session_name(datetime.datetime(2026, 11, 26, 7, 0, tzinfo=datetime.timezone.utc))
    assert name.startswith("compliance-") and name.endswith("-20261126T070000Z") and len(name) <= 64
