"""The security contact control, proven against moto."""

import pytest

from tests.conftest import DEV, MANAGEMENT, PROD, write_baseline

CONTROL = "controls/account"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "baseline.yaml", accounts={"list": [
        {"id": MANAGEMENT, "name": "management"}, {"id": PROD, "name": "prod"}, {"id": DEV, "name": "dev"}]})


def contact(seeder, account, **fields):
    seeder.client("account", account).put_alternate_contact(
        AlternateContactType="SECURITY", **{"Name": "Security team", "Title": "On call", **fields})


def test_contacts_with_mail_and_phone_pass_and_others_fail(seeder, audit_roles, baseline, run_suite):
    contact(seeder, MANAGEMENT, EmailAddress="security@example.com", PhoneNumber="+44 20 7946 0000")
    contact(seeder, PROD, EmailAddress="security@example.com", PhoneNumber=" ")
    suite = run_suite(CONTROL, baseline=baseline)
    assert suite.outcomes() == {f"management-{MANAGEMENT}": "passed", f"prod-{PROD}": "failed",
                                f"dev-{DEV}": "failed"}, suite.output
    assert suite.result(f"dev-{DEV}")["findings"][0]["problem"] == "no security contact is registered"


def test_unreadable_contact_errors(seeder, audit_roles, baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="account", operation="GetAlternateContact",
                     account=PROD)
    suite = run_suite(CONTROL, baseline=baseline)
    prod = suite.result(f"prod-{PROD}")
    assert prod["outcome"] == "error" and "could not read account:GetAlternateContact" in prod["message"]
