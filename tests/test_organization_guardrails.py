"""The organization guardrails control, proven against moto."""

import json

import pytest

from tests.conftest import DEV, LOG_ARCHIVE, MANAGEMENT, PROD

CONTROL = "controls/organization/test_guardrails.py"
DENY_LEAVING = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]})



@pytest.fixture
def orgs(seeder, organization):
    return seeder.client("organizations", MANAGEMENT)


def scp(orgs, target):
    policy = orgs.create_policy(Content=DENY_LEAVING, Description="guardrail", Name=f"deny-leaving-{target}",
                                Type="SERVICE_CONTROL_POLICY")["Policy"]["PolicySummary"]["Id"]
    orgs.attach_policy(PolicyId=policy, TargetId=target)


def workloads_ou(orgs, *accounts):
    root = orgs.list_roots()["Roots"][0]["Id"]
    unit = orgs.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    for account in accounts:
        orgs.move_account(AccountId=account, SourceParentId=root, DestinationParentId=unit)
    return root, unit



def test_guardrails_on_the_root_pass(orgs, home_region_baseline, run_suite):
    root, _ = workloads_ou(orgs, PROD, DEV)
    orgs.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    scp(orgs, root)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_accounts_outside_the_guarded_ou_fail(orgs, home_region_baseline, run_suite):
    root, unit = workloads_ou(orgs, PROD)
    orgs.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    scp(orgs, unit)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    unguarded = sorted(f["resource"].split(":")[4] for f in suite.only()["findings"])
    assert unguarded == sorted([LOG_ARCHIVE, DEV])  # SCPs never bind the management account: not judged


def test_scps_not_enabled_fail(orgs, home_region_baseline, run_suite):
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"] for f in suite.only()["findings"]] == [
        "service control policies are not enabled at the organization's root"]


@pytest.mark.parametrize("operation", ["ListRoots", "ListParents", "ListPoliciesForTarget"])
def test_unreadable_api_errors(operation, orgs, home_region_baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="organizations", operation=operation,
                     account=MANAGEMENT)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error"


def test_member_accounts_are_read_side_by_side(orgs, home_region_baseline, run_suite, local_aws):
    """Each member's ancestry and policies are asked of the management
    account for that member: the members' questions overlap."""
    root, _ = workloads_ou(orgs, PROD, DEV)
    orgs.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    scp(orgs, root)
    local_aws.latency = 0.05
    suite = run_suite(CONTROL, "-n", "0", "--max-concurrency=3", baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed" and suite.results["run"]["api"]["repeated"] == 0
    assert 2 <= local_aws.injector.max_in_flight["organizations"] <= 3
