"""The Macie control, proven against moto: AWS's "Macie is not enabled."
denial is the absence of Macie; any other denial is an error."""

from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/detection/test_macie.py"


def test_enabled_passes_and_not_enabled_fails(seeder, audit_roles, regional_baseline, run_suite):
    seeder.client("macie2", PROD, REGION).enable_macie()
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", suite.output
    assert [(f["resource"], f["problem"]) for f in suite.result(f"dev-{DEV}-{REGION}")["findings"]] == [
        (f"arn:aws:macie2:{REGION}:{DEV}:session", "Macie is not enabled")]


def test_paused_fails_and_a_real_denial_errors(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    seeder.client("macie2", DEV, REGION).enable_macie(status="PAUSED")
    local_aws.inject("AccessDeniedException", "User is not authorized to perform: macie2:GetMacieSession",
                     service="macie2", operation="GetMacieSession", account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.result(f"dev-{DEV}-{REGION}")["findings"][0]["problem"] == "Macie is PAUSED"
    prod = suite.result(f"prod-{PROD}-{REGION}")
    assert prod["outcome"] == "error" and "could not read macie2:GetMacieSession" in prod["message"], prod
