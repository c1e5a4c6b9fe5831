"""Audit-role sessions refresh their credentials before they expire."""

import datetime

import pytest

from compliance.aws.metering import Meter
from compliance.aws.sessions import Connection, RoleAssumer, default_session_name
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID
from tests.conftest import PROD


@pytest.fixture
def connection(local_aws, audit_roles, offline):
    return Connection(Meter(), endpoint_url=local_aws.url)


def assumer(connection, session_name, duration):
    return RoleAssumer(connection, connection.session(), f"arn:aws:iam::{PROD}:role/{AUDIT_ROLE}",
                       session_name, EXTERNAL_ID, duration, "us-east-1")


def test_expiring_credentials_are_refreshed_by_assuming_the_role_again(connection):
    refreshing = assumer(connection, "refresh-test", 900)
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30)
    session = refreshing.session({**refreshing.fetch(), "expiry_time": soon.isoformat()})

    identity = connection.client(session, "sts", "us-east-1").get_caller_identity()

    assert identity["Account"] == PROD
    assert identity["Arn"].endswith(f"assumed-role/{AUDIT_ROLE}/refresh-test")
    assert connection.meter.requests["sts:AssumeRole"] == 2  # the hand-over, then the refresh


def test_fresh_credentials_are_used_as_handed_over(connection):
    fresh = assumer(connection, "no-refresh", 3600)
    connection.client(fresh.session(fresh.fetch()), "sts", "us-east-1").get_caller_identity()
    assert connection.meter.requests["sts:AssumeRole"] == 1


def test_default_session_name_identifies_user_and_time():
    name = default_session_name(datetime.datetime(2026, 11, 26, 7, 0, tzinfo=datetime.timezone.utc))
    assert name.startswith("compliance-") and name.endswith("-20261126T070000Z") and len(name) <= 64
