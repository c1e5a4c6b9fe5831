"""The management-account control, proven against moto."""

import pytest

from compliance.demo.organization import create_database, create_function, launch, seed_audit_roles
from tests.conftest import MANAGEMENT, PROD, write_baseline

CONTROL = "controls/organization/test_management_account.py"


@pytest.fixture
def baseline(tmp_path, seeder):
    seed_audit_roles(seeder, [MANAGEMENT, PROD])
    return write_baseline(tmp_path / "baseline.yaml", accounts={"list": [
        {"id": MANAGEMENT, "name": "management", "role": "management"}, {"id": PROD, "name": "prod"}]})


def result(suite):
    return next(r for r in suite.results["results"] if r["control_id"] == "management-account-no-workloads")


def test_workloads_in_members_only_pass(seeder, baseline, run_suite):
    launch(seeder, PROD, "us-east-1")
    create_function(seeder, PROD, "eu-west-1", "orders")
    assert result(run_suite(CONTROL, baseline=baseline))["outcome"] == "passed"


def test_each_kind_of_workload_in_the_management_account_fails(seeder, baseline, run_suite):
    (instance,) = launch(seeder, MANAGEMENT, "eu-west-1")
    create_database(seeder, MANAGEMENT, "us-east-1", "reports", "rds-ca-rsa2048-g1")
    create_function(seeder, MANAGEMENT, "us-east-1", "billing-export")
    found = {f["resource"].rsplit(":", 1)[-1].rsplit("/", 1)[-1]: f["problem"]
             for f in result(run_suite(CONTROL, baseline=baseline))["findings"]}
    assert found == {instance: "a running EC2 instance", "reports": "an RDS database",
                     "billing-export": "a Lambda function"}


@pytest.mark.parametrize("service, operation", [
    ("ec2", "DescribeInstances"), ("rds", "DescribeDBInstances"), ("lambda", "ListFunctions")])
def test_unreadable_api_errors(service, operation, seeder, baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=MANAGEMENT)
    outcome = result(run_suite(CONTROL, baseline=baseline))
    assert outcome["outcome"] == "error" and f"could not read {service}:{operation}" in outcome["message"]
