"""The web front-end access logging controls, proven against moto."""

import pytest

from compliance.demo.organization import distribution, load_balancer
from tests.conftest import DEV, PROD, REGION

CONTROLS = "controls/edge/test_access_logging.py"



def rest_api(seeder, account, logged):
    gateway = seeder.client("apigateway", account, REGION)
    api = gateway.create_rest_api(name="orders")["id"]
    root = gateway.get_resources(restApiId=api)["items"][0]["id"]
    gateway.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    gateway.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = gateway.create_deployment(restApiId=api)["id"]
    gateway.create_stage(restApiId=api, stageName="live", deploymentId=deployment)
    if logged:
        gateway.update_stage(restApiId=api, stageName="live", patchOperations=[{
            "op": "replace", "path": "/accessLogSettings/destinationArn",
            "value": f"arn:aws:logs:{REGION}:{account}:log-group:api-access"}])
    return api


def http_api(seeder, account, logged):
    gateway = seeder.client("apigatewayv2", account, REGION)
    api = gateway.create_api(Name="events", ProtocolType="HTTP")["ApiId"]
    settings = {"AccessLogSettings": {"DestinationArn": f"arn:aws:logs:{REGION}:{account}:log-group:http-access",
                                      "Format": "$context.requestId"}} if logged else {}
    gateway.create_stage(ApiId=api, StageName="live", **settings)
    return api


def test_logging_front_ends_pass(seeder, audit_roles, regional_baseline, run_suite):
    load_balancer(seeder, PROD, REGION, "shop", access_logs="prod-logs")
    rest_api(seeder, PROD, logged=True)
    http_api(seeder, PROD, logged=True)
    distribution(seeder, PROD, "shop.example.com", log_bucket="prod-logs")
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c: r["outcome"] for c, r in suite.of_account(PROD).items()} == {
        "web-access-logging": "passed", "cloudfront-access-logging": "passed"}, suite.output


def test_silent_front_ends_fail(seeder, audit_roles, regional_baseline, run_suite):
    balancer = load_balancer(seeder, DEV, REGION, "internal", scheme="internal")
    api = rest_api(seeder, DEV, logged=False)
    events = http_api(seeder, DEV, logged=False)
    bare = distribution(seeder, DEV, "bare.example.com")
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    dev = {c: [(f["resource"], f["problem"]) for f in r["findings"]] for c, r in suite.of_account(DEV).items()}
    assert dev == {
        "web-access-logging": [(balancer, "access logging is off"), (
            f"arn:aws:apigateway:{REGION}::/restapis/{api}/stages/live", "the stage writes no access log"), (
            f"arn:aws:apigateway:{REGION}::/apis/{events}/stages/live", "the HTTP API stage writes no access log")],
        "cloudfront-access-logging": [(bare, "the distribution writes no standard access log")]}


@pytest.mark.parametrize("service, operation, control", [
    ("elasticloadbalancing", "DescribeLoadBalancerAttributes", "web-access-logging"),
    ("apigateway", "GetStages", "web-access-logging"),
    ("apigateway", "GetApis", "web-access-logging"),
    ("cloudfront", "GetDistributionConfig", "cloudfront-access-logging"),
    ("logs", "DescribeDeliverySources", "cloudfront-access-logging")])
def test_unreadable_api_errors(service, operation, control, seeder, audit_roles, regional_baseline, run_suite,
                               local_aws):
    load_balancer(seeder, PROD, REGION, "shop", access_logs="prod-logs")
    rest_api(seeder, PROD, logged=True)
    distribution(seeder, PROD, "shop.example.com", log_bucket="prod-logs")
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c for c, r in suite.of_account(PROD).items() if r["outcome"] == "error"} == {control}
