"""GuardDuty's S3 and RDS protection controls, proven against moto."""

import pytest

from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROL = "controls/detection/test_guardduty_protection.py"
CONTROLS = {"guardduty-s3-protection", "guardduty-rds-protection"}
BOTH = [{"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}, {"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"}]


def test_a_detector_with_both_plans_passes(seeder, audit_roles, regional_baseline, run_suite):
    seeder.client("guardduty", PROD, REGION).create_detector(Enable=True, Features=BOTH)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in results.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output


def test_each_plan_off_or_no_enabled_detector_fails(seeder, audit_roles, regional_baseline, run_suite):
    detector = seeder.client("guardduty", PROD, REGION).create_detector(Enable=True, Features=[
        {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}, {"Name": "RDS_LOGIN_EVENTS", "Status": "DISABLED"}])
    seeder.client("guardduty", DEV, REGION).create_detector(Enable=False, Features=BOTH)

    suite = run_suite(CONTROL, baseline=regional_baseline)

    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert prod["guardduty-s3-protection"]["outcome"] == "passed"
    assert [(f["resource"], f["problem"]) for f in prod["guardduty-rds-protection"]["findings"]] == [
        (f"arn:aws:guardduty:{REGION}:{PROD}:detector/{detector['DetectorId']}",
         "RDS Protection is off (RDS_LOGIN_EVENTS not ENABLED)")]
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {f["problem"] for r in dev.values() for f in r["findings"]} == {"no enabled detector"}


@pytest.mark.parametrize("operation", ["ListDetectors", "GetDetector"])
def test_unreadable_api_errors(operation, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    seeder.client("guardduty", PROD, REGION).create_detector(Enable=True, Features=BOTH)
    local_aws.inject("AccessDeniedException", "not authorized", service="guardduty", operation=operation,
                     account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert_unreadable(results, CONTROLS, f"guardduty:{operation}")
