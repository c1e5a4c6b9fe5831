"""The Inspector EC2 scanning control, proven against moto."""

import pytest

from tests.conftest import DEV, PROD, REGION, write_baseline

CONTROL = "controls/detection/test_detection.py::test_inspector_ec2_scanning"



def test_ec2_scanning_passes_and_other_scanning_or_none_fails(seeder, audit_roles, regional_baseline, tmp_path,
                                                                run_suite):
    seeder.client("inspector2", PROD, REGION).enable(accountIds=[PROD], resourceTypes=["EC2", "ECR"])
    seeder.client("inspector2", DEV, REGION).enable(accountIds=[DEV], resourceTypes=["ECR"])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.outcomes() == {f"prod-{PROD}-{REGION}": "passed", f"dev-{DEV}-{REGION}": "failed"}, suite.output
    assert suite.result(f"dev-{DEV}-{REGION}")["findings"][0]["problem"] == (
        f"Amazon Inspector does not scan EC2 in {REGION} (EC2 scanning DISABLED)")
    other = write_baseline(tmp_path / "us.yaml", regions=["us-east-1"])
    suite = run_suite(CONTROL, baseline=other)
    assert suite.result(f"prod-{PROD}-us-east-1")["findings"][0]["problem"] == (
        "Amazon Inspector does not scan EC2 in us-east-1 (no status reported)")


def test_unreadable_status_errors(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="inspector2",
                     operation="BatchGetAccountStatus", account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.result(f"prod-{PROD}-{REGION}")
    assert prod["outcome"] == "error" and "could not read inspector2:BatchGetAccountStatus" in prod["message"]


def test_a_failed_account_entry_errors():
    from compliance.errors import ApiUnreadable
    from compliance.inventory.inspector import account_status

    class Api:
        def read(self, *args, **params):
            return {"accounts": [], "failedAccounts": [
                {"accountId": PROD, "errorCode": "ACCESS_DENIED", "errorMessage": "not a member"}]}

    with pytest.raises(ApiUnreadable, match="ACCESS_DENIED: not a member"):
        account_status(Api(), REGION, PROD)
