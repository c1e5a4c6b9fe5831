"""The Step Functions and Cognito controls (controls/serverless), proven against moto."""

from compliance.demo.seed_apps import state_machine, user_pool
from tests.apps import dev_after_prod_passed
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROLS = ("controls/serverless/test_stepfunctions_logging.py",
            "controls/serverless/test_cognito_threat_protection.py")
OTHER_REGION = "us-east-1"


def test_logged_machines_and_enforcing_pools_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline,
                                                                      run_suite):
    state_machine(seeder, PROD, REGION, "fulfilment")
    state_machine(seeder, PROD, REGION, "audit", logging="ALL")
    user_pool(seeder, PROD, REGION, "customers")
    state_machine(seeder, DEV, REGION, "off", logging="OFF")
    state_machine(seeder, DEV, REGION, "unconfigured", logging=None)
    user_pool(seeder, DEV, REGION, "auditing", threat_protection="AUDIT")
    user_pool(seeder, DEV, REGION, "plain", threat_protection=None)
    suite = run_suite(*CONTROLS, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, ("stepfunctions-logging", "cognito-threat-protection"))
    machine = f"arn:aws:states:{REGION}:{DEV}:stateMachine:"
    assert [(f["resource"], f["problem"]) for f in dev["stepfunctions-logging"]["findings"]] == [
        (machine + name, "its executions are not logged (logging level OFF)") for name in ("off", "unconfigured")]
    pools = {p["Name"]: p["Arn"] for p in dev["cognito-threat-protection"]["evidence"]["user_pools"]}
    assert sorted((f["resource"], f["problem"]) for f in dev["cognito-threat-protection"]["findings"]) == sorted([
        (pools["auditing"], "threat protection is AUDIT, not enforced"),
        (pools["plain"], "threat protection is OFF, not enforced")])


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in (REGION, OTHER_REGION):
            state_machine(seeder, account, region, "fulfilment")
            user_pool(seeder, account, region, "customers")
    faults = {(PROD, REGION): ("states", "ListStateMachines"), (PROD, OTHER_REGION): ("states", "DescribeStateMachine"),
              (DEV, REGION): ("cognito-idp", "ListUserPools"), (DEV, OTHER_REGION): ("cognito-idp", "DescribeUserPool")}
    for (account, region), (service, operation) in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation,
                         account=account, region=region)
    suite = run_suite(*CONTROLS, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    for (account, region), (service, operation) in faults.items():
        control = "stepfunctions-logging" if service == "states" else "cognito-threat-protection"
        read = f"{'stepfunctions' if service == 'states' else service}:{operation}"
        assert_unreadable(suite.by_control(f"{'prod' if account == PROD else 'dev'}-{account}-{region}"),
                          {control}, read)
