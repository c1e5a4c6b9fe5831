"""The organization policy delegation control, proven against moto (patched with resource policies)."""

import json

from tests.conftest import LOG_ARCHIVE, MANAGEMENT

CONTROL = "controls/organization/test_policy_delegation.py"
ACTIONS = ["organizations:CreatePolicy", "organizations:UpdatePolicy", "organizations:DeletePolicy",
           "organizations:AttachPolicy", "organizations:DetachPolicy"]



def delegation(seeder, account, actions, resource="*"):
    seeder.client("organizations", MANAGEMENT).put_resource_policy(Content=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "Delegate", "Effect": "Allow",
                                                "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                                                "Action": actions, "Resource": resource}]}))



def test_a_member_allowed_every_policy_action_passes(seeder, organization, home_region_baseline, run_suite):
    delegation(seeder, LOG_ARCHIVE, ["organizations:*Policy", "organizations:Describe*", "organizations:List*"],
               resource=[f"arn:aws:organizations::{MANAGEMENT}:policy/*", f"arn:aws:organizations::{MANAGEMENT}:*"])
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output
    assert suite.only()["evidence"]["delegated_to"] == [f"arn:aws:iam::{LOG_ARCHIVE}:role/any-caller"]


def test_missing_partial_and_self_delegation_fail(seeder, organization, home_region_baseline, run_suite):
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"] for f in suite.only()["findings"]] == ["the organization has no delegation policy"]
    delegation(seeder, LOG_ARCHIVE, ACTIONS[:2])
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["findings"][0]["problem"].startswith("the delegation policy allows no member account all of")
    delegation(seeder, MANAGEMENT, ACTIONS)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "failed"


def test_unreadable_policy_errors(seeder, organization, home_region_baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="organizations",
                     operation="DescribeResourcePolicy", account=MANAGEMENT)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error"
