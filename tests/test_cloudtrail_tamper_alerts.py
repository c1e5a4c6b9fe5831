"""The trail tampering alert control, proven against moto."""

import json

import pytest

from compliance.demo.organization import create_organization_trail
from tests.conftest import MANAGEMENT

CONTROL = "controls/cloudtrail/test_cloudtrail_tamper_alerts.py"
EVERY_CALL = {"source": ["aws.cloudtrail"], "detail-type": ["AWS API Call via CloudTrail"]}



@pytest.fixture
def trail(seeder, organization):
    seeder.client("s3", MANAGEMENT).create_bucket(Bucket="trail-bucket")
    create_organization_trail(seeder, "org-trail", "trail-bucket")
    return f"arn:aws:cloudtrail:us-east-1:{MANAGEMENT}:trail/org-trail"


def rule(seeder, name, pattern, target=True, state="ENABLED"):
    events = seeder.client("events", MANAGEMENT)
    events.put_rule(Name=name, EventPattern=json.dumps(pattern), State=state)
    if target:
        events.put_targets(Rule=name, Targets=[
            {"Id": "alert", "Arn": f"arn:aws:sns:us-east-1:{MANAGEMENT}:security-alarms"}])



def test_rules_reacting_to_every_tampering_call_pass(seeder, trail, home_region_baseline, run_suite):
    rule(seeder, "stop", {**EVERY_CALL, "detail": {"eventName": ["StopLogging"]}})
    rule(seeder, "change", {**EVERY_CALL, "detail": {"eventName": [{"anything-but": ["StopLogging"]}],
                                                     "requestParameters": {"name": [trail]}}})
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_uncovered_calls_are_named(seeder, trail, home_region_baseline, run_suite):
    rule(seeder, "stop-untargeted", {**EVERY_CALL, "detail": {"eventName": ["StopLogging"]}}, target=False)
    rule(seeder, "delete-disabled", {**EVERY_CALL, "detail": {"eventName": ["DeleteTrail"]}}, state="DISABLED")
    rule(seeder, "update-by-root-only", {**EVERY_CALL, "detail": {"eventName": ["UpdateTrail"],
                                                                  "userIdentity": {"type": ["Root"]}}})
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [(f["resource"], f["problem"]) for f in suite.only()["findings"]] == [(
        trail, "no enabled EventBridge rule with a target reacts to StopLogging, UpdateTrail, DeleteTrail")]


@pytest.mark.parametrize("operation", ["ListRules", "ListTargetsByRule"])
def test_unreadable_api_errors(operation, seeder, trail, home_region_baseline, run_suite, local_aws):
    rule(seeder, "stop", {**EVERY_CALL, "detail": {"eventName": ["StopLogging"]}})
    local_aws.inject("AccessDeniedException", "not authorized", service="events", operation=operation,
                     account=MANAGEMENT)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error" and f"could not read events:{operation}" in suite.only()["message"]
