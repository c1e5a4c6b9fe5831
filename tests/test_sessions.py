"""Audit-role sessions refresh their credentials before they expire."""

import datetime

from compliance.aws.metering import Meter
from compliance.aws.sessions import Connection, RoleAssumer, default_session_name
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID
from tests.conftest import PROD, offline_env


def test_expiring_credentials_are_refreshed_by_assuming_the_role_again(local_aws, audit_roles, monkeypatch):
    for key, value in offline_env().items():
        monkeypatch.setenv(key, value)
    meter = Meter()
    connection = Connection(meter, endpoint_url=local_aws.url)
    assumer = RoleAssumer(connection, connection.session(), f"arn:aws:iam::{PROD}:role/{AUDIT_ROLE}",
                          "refresh-test", EXTERNAL_ID, 900, "us-east-1")
    handed_over = assumer.fetch()
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30)
    session = assumer.session({**handed_over, "expiry_time": soon.isoformat()})

    identity = connection.client(session, "sts", "us-east-1").get_caller_identity()

    assert identity["Account"] == PROD
    assert identity["Arn"].endswith(f"assumed-role/{AUDIT_ROLE}/refresh-test")
    assert meter.requests["sts:AssumeRole"] == 2  # the hand-over, then the refresh


def test_fresh_credentials_are_used_as_handed_over(local_aws, audit_roles, monkeypatch):
    for key, value in offline_env().items():
        monkeypatch.setenv(key, value)
    meter = Meter()
    connection = Connection(meter, endpoint_url=local_aws.url)
    assumer = RoleAssumer(connection, connection.session(), f"arn:aws:iam::{PROD}:role/{AUDIT_ROLE}",
                          "no-refresh", EXTERNAL_ID, 3600, "us-east-1")
    session = assumer.session(assumer.fetch())
    connection.client(session, "sts", "us-east-1").get_caller_identity()
    assert meter.requests["sts:AssumeRole"] == 1


def test_default_session_name_identifies_user_and_time():
    name = default_session_name(datetime.datetime(2026, 11, 26, 7, 0, tzinfo=datetime.timezone.utc))
    assert name.startswith("compliance-") and name.endswith("-20261126T070000Z") and len(name) <= 64
