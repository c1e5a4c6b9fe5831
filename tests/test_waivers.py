"""Waivers: validated, matched to exactly the findings they name, expiring on
their date, and reported as applied, no longer needed, expired or stale."""

import datetime

import pytest

from compliance.demo.organization import create_key
from compliance.evidence import Evidence, Finding
from compliance.waivers import Applicable, Waiver
from tests.conftest import DEV, PROD, write_baseline
from tests.test_baseline import VALID, load

CONTROL = "controls/kms/test_kms_key_rotation.py"
TODAY = datetime.date.today()
KEY_A = f"arn:aws:kms:eu-west-1:{DEV}:key/aaaa"


def waiver(**fields):
    base = {"id": "W-1", "control": "kms-key-rotation", "reason": "accepted for the test", "owner": "team",
            "ticket": "SEC-1", "approved": TODAY - datetime.timedelta(days=10), "expires": TODAY}
    return Waiver(**{**base, **fields})


def waiver_yaml(**fields):
    base = {"id": "W-1", "control": "kms-key-rotation", "reason": "accepted for the test", "owner": "team",
            "ticket": "SEC-1", "approved": "2026-01-01", "expires": "2026-12-31", **fields}
    return "waivers:\n  - " + "\n    ".join(f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}" for k, v in base.items()) + "\n"


@pytest.mark.parametrize("fields, expected", [
    ({"control": "kms-rotation"}, r"baseline.yaml:10: waivers.0.control: unknown control 'kms-rotation'; known controls: "),
    ({"expires": "2025-12-31"}, r"baseline.yaml:15: waivers.0.expires: expires 2025-12-31 is before approved 2026-01-01"),
    ({"expires": "next year"}, r"waivers.0.expires: 'next year' is not a 'date'"),
    ({"account": "12345"}, r"waivers.0.account: '12345' does not match .*12 digits"),
    ({"region": "eu-westt-1"}, r"waivers.0.region: 'eu-westt-1' is not an AWS region .*did you mean eu-west-1\?"),
    ({"reason": "ok"}, r"waivers.0.reason: 'ok' is too short"),
    ({"colour": "blue"}, r"waivers.0: Additional properties are not allowed \('colour' was unexpected\)"),
], ids=["unknown-control", "expires-before-approval", "bad-date", "bad-account", "bad-region", "no-real-reason",
        "unknown-key"])
def test_bad_waivers_are_refused_with_line_and_key(tmp_path, fields, expected):
    from compliance.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match=expected):
        load(tmp_path, VALID + waiver_yaml(**fields))


def test_duplicate_waiver_ids_are_refused(tmp_path):
    from compliance.errors import ConfigurationError

    text = VALID + waiver_yaml() + waiver_yaml().replace("waivers:\n", "")
    with pytest.raises(ConfigurationError, match=r"waivers.1.id: waiver ID W-1 is used twice"):
        load(tmp_path, text)


def test_missing_required_fields_are_named(tmp_path):
    from compliance.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match=r"waivers.0: 'owner' is a required property"):
        load(tmp_path, VALID + "waivers:\n  - {id: W-1, control: kms-key-rotation, reason: accepted risk here, "
                              "ticket: T, approved: 2026-01-01, expires: 2026-02-01}\n")


@pytest.mark.parametrize("fields, account, region, resource, matches", [
    ({}, DEV, "eu-west-1", KEY_A, True),
    ({"resource": KEY_A}, DEV, "eu-west-1", KEY_A, True),
    ({"resource": KEY_A}, DEV, "eu-west-1", KEY_A + "b", False),
    ({"resource": f"arn:aws:kms:*:{DEV}:key/*"}, DEV, "us-east-1", f"arn:aws:kms:us-east-1:{DEV}:key/x", True),
    ({"resource": "arn:aws:s3:::legacy-*"}, DEV, "global", "arn:aws:s3:::current-logs", False),
    ({"account": DEV}, DEV, "eu-west-1", KEY_A, True),
    ({"account": PROD}, DEV, "eu-west-1", KEY_A, False),
    ({"region": "eu-west-1"}, DEV, "eu-west-1", KEY_A, True),
    ({"region": "us-east-1"}, DEV, "eu-west-1", KEY_A, False),
    ({"control": "iam-password-policy"}, DEV, "eu-west-1", KEY_A, False),
], ids=["control-only", "exact", "exact-other", "pattern", "pattern-other", "account", "other-account", "region",
        "other-region", "other-control"])
def test_matching(fields, account, region, resource, matches):
    applicable = Applicable.select([waiver(**fields)], "kms-key-rotation", account, region, TODAY)
    assert (applicable.waiver_for(Finding(resource, "p", "f")) is not None) is matches


def test_expiry_is_inclusive_of_its_day():
    assert waiver(expires=TODAY).active_on(TODAY)
    assert not waiver(expires=TODAY).active_on(TODAY + datetime.timedelta(days=1))
    expired = Applicable.select([waiver(expires=TODAY - datetime.timedelta(days=1))], "kms-key-rotation", DEV,
                                "eu-west-1", TODAY)
    assert expired.active == [] and expired.expired[0].id == "W-1"


def test_a_waiver_hides_only_the_resource_it_names():
    evidence = Evidence(Applicable.select([waiver(resource=KEY_A)], "kms-key-rotation", DEV, "eu-west-1", TODAY), DEV)
    other = f"arn:aws:kms:eu-west-1:{DEV}:key/bbbb"
    message = evidence.failure([Finding(KEY_A, "rotation disabled", "fix"), Finding(other, "rotation disabled", "fix")])
    assert message.startswith(f"1 non-compliant resource(s):\n- {other}: rotation disabled")
    assert message.endswith(f"and 1 waived: {KEY_A} (W-1)")


def test_every_finding_waived_is_an_expected_failure():
    evidence = Evidence(Applicable.select([waiver()], "kms-key-rotation", DEV, "eu-west-1", TODAY), DEV)
    with pytest.raises(pytest.xfail.Exception, match=r"waiver W-1 \(owner team, SEC-1, expires .*\): accepted for the test"):
        evidence.failure([Finding(KEY_A, "rotation disabled", "fix")])


def kms_waiver(**fields):
    """A waiver as written in a baseline; a field given as None is left out."""
    waiver = {"id": "W-1", "control": "kms-key-rotation", "account": DEV, "reason": "accepted for the test",
              "owner": "team", "ticket": "SEC-1", "approved": "2026-01-01", "expires": TODAY.isoformat(), **fields}
    return {key: value for key, value in waiver.items() if value is not None}


def test_suite_reports_xfail_xpass_expired_and_stale(seeder, audit_roles, tmp_path, run_suite):
    create_key(seeder, DEV, "eu-west-1", "waived-key")
    unwaived = create_key(seeder, DEV, "us-east-1", "a-key")
    second = create_key(seeder, DEV, "us-east-1", "another-key")
    create_key(seeder, PROD, "us-east-1", "expired-waiver-key")
    yesterday = (TODAY - datetime.timedelta(days=1)).isoformat()
    baseline = write_baseline(tmp_path / "b.yaml", waivers=[
        kms_waiver(id="W-active", region="eu-west-1"),  # expires today: still applies
        kms_waiver(id="W-one-of-two", region="us-east-1", resource=f"arn:aws:kms:us-east-1:{DEV}:key/{second}"),
        kms_waiver(id="W-expired", account=PROD, region="us-east-1", approved="2025-01-01", expires=yesterday),
        kms_waiver(id="W-unneeded", account=PROD, region="eu-west-1"),
        kms_waiver(id="W-stale", account=None, resource="arn:aws:kms:*:*:key/gone"),
    ])

    suite = run_suite(CONTROL, "-rxX", baseline=baseline)

    assert suite.result(f"dev-{DEV}-eu-west-1")["outcome"] == "xfailed"
    assert "waiver W-active (owner team, SEC-1, expires" in suite.result(f"dev-{DEV}-eu-west-1")["message"]
    one_of_two = suite.result(f"dev-{DEV}-us-east-1")
    assert one_of_two["outcome"] == "failed"
    assert one_of_two["waived"] == [{"resource": f"arn:aws:kms:us-east-1:{DEV}:key/{second}", "waiver": "W-one-of-two"}]
    assert f"key/{unwaived}: automatic rotation is disabled" in one_of_two["message"]
    expired = suite.result(f"prod-{PROD}-us-east-1")
    assert expired["outcome"] == "failed" and expired["expired_waivers"] == ["W-expired"]
    assert f"(waiver W-expired expired on {yesterday})" in expired["message"]
    assert suite.result(f"prod-{PROD}-eu-west-1")["outcome"] == "xpassed"
    summary = suite.results["waivers"]
    assert [w["id"] for w in summary["applied"]] == ["W-active", "W-one-of-two"]
    assert [w["id"] for w in summary["no_longer_needed"]] == ["W-unneeded"]
    assert [w["id"] for w in summary["expired"]] == ["W-expired"]
    assert [w["id"] for w in summary["stale"]] == ["W-stale"]
    assert "waivers: 2 applied, 1 no longer needed, 1 expired, 1 stale" in suite.output
    assert "STALE waiver W-stale (kms-key-rotation, owner team, SEC-1) matches nothing" in suite.output
    assert "XFAIL" in suite.output and "XPASS" in suite.output
    html = (suite.reports / "report.html").read_text()
    assert "Stale (match nothing): 1" in html and "W-expired" in html
