"""API Gateway: execution logging, backend client certificates, X-Ray
tracing, a web ACL and encrypted caches on REST stages; authorization on
HTTP and WebSocket routes."""

import pytest

from compliance.evidence import Finding
from controls.judging import judge_each, settings

LOGGING = ("ERROR", "INFO")
REST_KEYS = ("stageArn", "restApiName", "stageName", "methodSettings", "clientCertificateId", "tracingEnabled",
             "webAclArn", "cacheClusterEnabled")


def _update_rest_stage(stage, path, value):
    return (f"aws apigateway update-stage --rest-api-id {stage['restApiId']} --stage-name {stage['stageName']} "
            f"--patch-operations op=replace,path={path},value={value}")


def _rest_logging_problem(stage):
    settings = stage.get("methodSettings", {})
    if settings.get("*/*", {}).get("loggingLevel") not in LOGGING:
        return "the stage does not log execution (loggingLevel ERROR or INFO for */*)"
    off = sorted(method for method, s in settings.items() if s.get("loggingLevel", "OFF") not in LOGGING)
    return f"method {', '.join(off)} turns execution logging off" if off else None


def _websocket_logging_problem(stage):
    if stage.get("DefaultRouteSettings", {}).get("LoggingLevel") not in LOGGING:
        return "the stage does not log execution (DefaultRouteSettings LoggingLevel ERROR or INFO)"
    off = sorted(route for route, s in stage.get("RouteSettings", {}).items()
                 if s.get("LoggingLevel", "OFF") not in LOGGING)
    return f"route {', '.join(off)} turns execution logging off" if off else None


@pytest.mark.control("apigateway-execution-logging")
def test_apigateway_execution_logging(api_gateway_rest_stages, api_gateway_websocket_stages, evidence):
    evidence.record("rest_stages", settings(api_gateway_rest_stages, REST_KEYS))
    evidence.record("websocket_stages", settings(api_gateway_websocket_stages,
                                                 ("StageArn", "DefaultRouteSettings", "RouteSettings")))
    evidence.verdict(
        [Finding(s["stageArn"], p, _update_rest_stage(s, "/*/*/logging/loglevel", "ERROR"))
         for s in api_gateway_rest_stages if (p := _rest_logging_problem(s))]
        + [Finding(s["StageArn"], p, f"aws apigatewayv2 update-stage --api-id {s['ApiId']} --stage-name "
                                     f"{s['StageName']} --default-route-settings LoggingLevel=ERROR")
           for s in api_gateway_websocket_stages if (p := _websocket_logging_problem(s))])


@pytest.mark.control("apigateway-backend-certificate")
def test_apigateway_backend_certificate(api_gateway_rest_stages, evidence):
    judge_each(evidence, "rest_stages", api_gateway_rest_stages, REST_KEYS,
               lambda s: None if s.get("clientCertificateId") else "the stage has no client certificate for its backend",
               lambda s: "aws apigateway generate-client-certificate, then "
                         + _update_rest_stage(s, "/clientCertificateId", "<certificate ID>"))


@pytest.mark.control("apigateway-xray-tracing")
def test_apigateway_xray_tracing(api_gateway_rest_stages, evidence):
    judge_each(evidence, "rest_stages", api_gateway_rest_stages, REST_KEYS,
               lambda s: None if s.get("tracingEnabled") else "X-Ray tracing is off",
               lambda s: _update_rest_stage(s, "/tracingEnabled", "true"))


@pytest.mark.control("apigateway-waf")
def test_apigateway_waf(api_gateway_rest_stages, evidence):
    judge_each(evidence, "rest_stages", api_gateway_rest_stages, REST_KEYS,
               lambda s: None if s.get("webAclArn") else "no AWS WAF web ACL protects the stage",
               lambda s: f"aws wafv2 associate-web-acl --web-acl-arn <web ACL ARN> --resource-arn {s['stageArn']}")


def _unencrypted_caches(stage):
    found = sorted(method for method, s in stage.get("methodSettings", {}).items()
                   if s.get("cachingEnabled") and not s.get("cacheDataEncrypted"))
    return f"method {', '.join(found)} caches responses unencrypted" if found else None


@pytest.mark.control("apigateway-cache-encrypted")
def test_apigateway_cache_encrypted(api_gateway_rest_stages, evidence):
    judge_each(evidence, "rest_stages", api_gateway_rest_stages, REST_KEYS, _unencrypted_caches,
               lambda s: _update_rest_stage(s, "/*/*/caching/dataEncrypted", "true"))


def _judged_route(route):
    return route["ProtocolType"] != "WEBSOCKET" or route["RouteKey"] == "$connect"


@pytest.mark.control("apigateway-route-authorization")
def test_apigateway_route_authorization(api_gateway_routes, evidence):
    judge_each(evidence, "routes", [r for r in api_gateway_routes if _judged_route(r)],
               ("RouteArn", "ProtocolType", "RouteKey", "AuthorizationType"),
               lambda r: None if r.get("AuthorizationType", "NONE") != "NONE"
               else f"route {r['RouteKey']} requires no authorization",
               lambda r: f"aws apigatewayv2 update-route --api-id {r['ApiId']} --route-id {r['RouteId']} "
                         "--authorization-type AWS_IAM (or JWT or CUSTOM with --authorizer-id)")
