"""Web front ends log every request: load balancers (Application and Classic),
API Gateway stages (REST, HTTP, WebSocket), CloudFront."""

import pytest

from compliance.evidence import Finding


def stage_arn(partition, region, rest_api, stage):
    return f"arn:{partition}:apigateway:{region}::/restapis/{rest_api['id']}/stages/{stage['stageName']}"


@pytest.mark.control("web-access-logging")
def test_web_access_logging(web_front_ends, region_target, partition, evidence):
    evidence.record("front_ends", web_front_ends)
    region = region_target.region
    findings = [
        Finding(lb["LoadBalancerArn"], "access logging is off",
                f"aws elbv2 modify-load-balancer-attributes --load-balancer-arn {lb['LoadBalancerArn']} --attributes "
                "Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log bucket>")
        for lb in web_front_ends["LoadBalancers"] if lb["Attributes"].get("access_logs.s3.enabled") != "true"
    ] + [
        Finding(lb["LoadBalancerArn"], "access logging is off",
                f"aws elb modify-load-balancer-attributes --load-balancer-name {lb['LoadBalancerName']} "
                "--load-balancer-attributes 'AccessLog={Enabled=true,S3BucketName=<log bucket>,EmitInterval=5}'")
        for lb in web_front_ends["ClassicLoadBalancers"] if not lb["Attributes"].get("AccessLog", {}).get("Enabled")
    ] + [
        Finding(stage_arn(partition, region, rest_api, stage), "the stage writes no access log",
                f"aws apigateway update-stage --rest-api-id {rest_api['id']} --stage-name {stage['stageName']} "
                "--patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log group ARN>")
        for rest_api in web_front_ends["RestApis"] for stage in rest_api["Stages"]
        if not (stage.get("accessLogSettings") or {}).get("destinationArn")
    ] + [
        Finding(f"arn:{partition}:apigateway:{region}::/apis/{http_api['ApiId']}/stages/{stage['StageName']}",
                f"the {http_api.get('ProtocolType', 'HTTP')} API stage writes no access log",
                f"aws apigatewayv2 update-stage --api-id {http_api['ApiId']} --stage-name {stage['StageName']} "
                "--access-log-settings DestinationArn=<log group ARN>,Format=<format>")
        for http_api in web_front_ends["HttpApis"] for stage in http_api["Stages"]
        if not (stage.get("AccessLogSettings") or {}).get("DestinationArn")
    ]
    evidence.verdict(findings)


@pytest.mark.control("cloudfront-access-logging")
def test_cloudfront_access_logging(cloudfront_logging, evidence):
    evidence.record("distributions", cloudfront_logging)
    findings = [
        Finding(d["ARN"], "the distribution writes no standard access log",
                "configure standard logging (v2: a CloudWatch Logs delivery source for the distribution, or the "
                f"legacy Logging settings: aws cloudfront update-distribution --id {d['Id']})")
        for d in cloudfront_logging if not (d["Logging"].get("Enabled") or d["DeliverySource"])
    ]
    evidence.verdict(findings)
