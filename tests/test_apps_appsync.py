"""The AppSync controls (controls/serverless), proven against moto."""

from compliance.demo.seed_apps import graphql_api
from tests.apps import dev_after_prod_passed
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/serverless/test_appsync.py"
CONTROLS = {"appsync-cache-encrypted", "appsync-field-logging"}
OTHER_REGION = "us-east-1"


def test_logged_apis_with_encrypted_caches_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline,
                                                                    run_suite):
    graphql_api(seeder, PROD, REGION, "catalog")
    graphql_api(seeder, PROD, REGION, "uncached", field_logging="ALL", cache=None)
    graphql_api(seeder, DEV, REGION, "plain-cache", cache="plain")
    graphql_api(seeder, DEV, REGION, "unlogged", field_logging="NONE")
    graphql_api(seeder, DEV, REGION, "unconfigured", field_logging=None)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    evidence = {a["name"]: a["arn"] for a in dev["appsync-field-logging"]["evidence"]["apis"]}
    assert {c: {(f["resource"], f["problem"]) for f in r["findings"]} for c, r in dev.items()} == {
        "appsync-cache-encrypted": {(evidence["plain-cache"], "its cache is not encrypted at rest")},
        "appsync-field-logging": {(evidence[name], "its resolvers' execution is not logged (fieldLogLevel NONE)")
                                  for name in ("unlogged", "unconfigured")}}


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        graphql_api(seeder, account, REGION, "catalog")
    local_aws.inject("AccessDeniedException", "not authorized", service="appsync", operation="ListGraphqlApis",
                     account=PROD)
    local_aws.inject("AccessDeniedException", "not authorized", service="appsync", operation="GetApiCache",
                     account=DEV)
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), CONTROLS, "appsync:ListGraphqlApis")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), {"appsync-cache-encrypted"}, "appsync:GetApiCache")
