"""The API Gateway controls (controls/serverless), proven against moto."""

from compliance.demo.seed_apps import rest_api_stage, v2_api
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/serverless/test_api_gateway.py"
REST = {"apigateway-backend-certificate", "apigateway-xray-tracing", "apigateway-waf", "apigateway-cache-encrypted"}
CONTROLS = REST | {"apigateway-execution-logging", "apigateway-route-authorization"}
OTHER_REGION = "us-east-1"


def seed_compliant(seeder, account, region=REGION):
    rest_api_stage(seeder, account, region, "orders")
    rest_api_stage(seeder, account, region, "uncached", cache=None, logging="INFO")
    v2_api(seeder, account, region, "orders-http")
    v2_api(seeder, account, region, "orders-live", protocol="WEBSOCKET")


def test_compliant_apis_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline, run_suite):
    seed_compliant(seeder, PROD)
    rest = {name: rest_api_stage(seeder, DEV, REGION, name, **settings) for name, settings in {
        "silent": {"logging": None}, "muted-method": {"method_logging": "OFF"}, "no-certificate": {"certificate": False},
        "untraced": {"tracing": False}, "unprotected": {"waf": False}, "plain-cache": {"cache": "plain"}}.items()}
    quiet = v2_api(seeder, DEV, REGION, "quiet-live", protocol="WEBSOCKET", logging=None)
    open_http = v2_api(seeder, DEV, REGION, "open-http", authorization="NONE")
    open_live = v2_api(seeder, DEV, REGION, "open-live", protocol="WEBSOCKET", authorization="NONE")
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = dev_after_prod_passed(suite, CONTROLS)
    dev = {c: set(found) for c, found in findings(results).items()}
    stage = f"arn:aws:apigateway:{REGION}::/restapis/{{}}/stages/prod".format
    route_of = {resource.split("/")[-3]: problem for resource, problem in dev["apigateway-route-authorization"]}
    assert dev["apigateway-execution-logging"] == {
        (stage(rest["silent"]), "the stage does not log execution (loggingLevel ERROR or INFO for */*)"),
        (stage(rest["muted-method"]), "method ~1/GET turns execution logging off"),
        (f"arn:aws:apigateway:{REGION}::/apis/{quiet}/stages/prod",
         "the stage does not log execution (DefaultRouteSettings LoggingLevel ERROR or INFO)")}
    assert dev["apigateway-backend-certificate"] == {
        (stage(rest["no-certificate"]), "the stage has no client certificate for its backend")}
    assert dev["apigateway-xray-tracing"] == {(stage(rest["untraced"]), "X-Ray tracing is off")}
    assert dev["apigateway-waf"] == {(stage(rest["unprotected"]), "no AWS WAF web ACL protects the stage")}
    assert dev["apigateway-cache-encrypted"] == {(stage(rest["plain-cache"]), "method */* caches responses unencrypted")}
    assert route_of == {open_http: "route GET /orders requires no authorization",
                        open_live: "route $connect requires no authorization"}  # $default takes none


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in (REGION, OTHER_REGION):
            seed_compliant(seeder, account, region)
    faults = {(PROD, REGION): "GetRestApis", (PROD, OTHER_REGION): "GetApis", (DEV, OTHER_REGION): "GetRoutes"}
    for (account, region), operation in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service="apigateway", operation=operation,
                         account=account, region=region)
    local_aws.inject("AccessDeniedException", "not authorized", service="apigateway", operation="GetStages",
                     account=DEV, region=REGION)  # REST and WebSocket stages alike
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), REST | {"apigateway-execution-logging"},
                      "apigateway:GetRestApis")
    assert_unreadable(suite.by_control(f"prod-{PROD}-{OTHER_REGION}"),
                      {"apigateway-execution-logging", "apigateway-route-authorization"}, "apigatewayv2:GetApis")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{OTHER_REGION}"), {"apigateway-route-authorization"},
                      "apigatewayv2:GetRoutes")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), REST | {"apigateway-execution-logging"},
                      "apigateway:GetStages")


def test_moto_keeps_a_stages_client_certificate_as_aws_does(local_aws, seeder):
    api_id = rest_api_stage(seeder, PROD, REGION, "orders", waf=False)
    gateway = seeder.client("apigateway", PROD, REGION)
    assert gateway.get_stage(restApiId=api_id, stageName="prod")["clientCertificateId"] == "orders-backend"
    assert gateway.get_stage(restApiId=api_id, stageName="prod")["tracingEnabled"] is True  # other patches still apply
