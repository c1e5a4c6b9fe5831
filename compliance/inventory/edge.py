"""What faces the internet at the edge: load balancers (Elastic Load
Balancing v2 and Classic), CloudFront distributions, API Gateway stages, and
the AWS WAF web ACLs in front of them."""

import re

from compliance.aws.answers import extended
from compliance.errors import ApiUnreadable


def load_balancers(api, region):
    """The region's Application, Network and Gateway Load Balancers."""
    return sorted(api.read("elbv2", "DescribeLoadBalancers", region)["LoadBalancers"],
                  key=lambda lb: lb["LoadBalancerArn"])


def application_load_balancers(api, region):
    """The region's Application Load Balancers (Network and Gateway ones left out)."""
    return [lb for lb in load_balancers(api, region) if lb["Type"] == "application"]


def listeners(api, region, load_balancer_arn):
    """The listeners of an Elastic Load Balancing v2 load balancer, with their default actions."""
    answer = api.read("elbv2", "DescribeListeners", region, LoadBalancerArn=load_balancer_arn)
    return sorted(answer["Listeners"], key=lambda listener: listener["ListenerArn"])


def classic_load_balancers(api, region):
    """The region's Classic Load Balancers, with their listeners and Availability Zones."""
    answer = api.read("elb", "DescribeLoadBalancers", region)
    return sorted(answer["LoadBalancerDescriptions"], key=lambda lb: lb["LoadBalancerName"])


def classic_load_balancer_attributes(api, region, name):
    """A Classic Load Balancer's attributes (AccessLog, ConnectionDraining,
    CrossZoneLoadBalancing, AdditionalAttributes...)."""
    answer = api.read("elb", "DescribeLoadBalancerAttributes", region, LoadBalancerName=name)
    return answer["LoadBalancerAttributes"]


def distributions(api, home_region):
    """CloudFront distributions (a global service, read through the home region)."""
    answer = api.read("cloudfront", "ListDistributions", home_region)
    return sorted(answer.get("DistributionList", {}).get("Items", []), key=lambda d: d["ARN"])


def load_balancer_attributes(api, region, load_balancer_arn):
    """``{key: value}`` of the load balancer's attributes (access_logs.s3.enabled and the like)."""
    answer = api.read("elbv2", "DescribeLoadBalancerAttributes", region, LoadBalancerArn=load_balancer_arn)
    return {a["Key"]: a["Value"] for a in answer["Attributes"]}


def rest_api_stages(api, region):
    """API Gateway REST APIs of the region, each with its stages (GetStages
    per API, side by side)."""
    rest_apis = sorted(api.read("apigateway", "GetRestApis", region)["items"], key=lambda a: a["id"])
    stages = api.each(lambda rest_api: api.read("apigateway", "GetStages", region, restApiId=rest_api["id"])["item"],
                      rest_apis)
    return [extended(rest_api, Stages=found) for rest_api, found in zip(rest_apis, stages)]


def distribution_config(api, home_region, distribution_id):
    """The distribution's whole configuration (origins, cache behaviors,
    viewer certificate, logging...), which ListDistributions summarizes."""
    return api.read("cloudfront", "GetDistributionConfig", home_region, Id=distribution_id)["DistributionConfig"]


def s3_origins(config):
    """The distribution's S3 origins (those with S3OriginConfig; a website
    endpoint is a custom origin)."""
    return [o for o in config["Origins"].get("Items", []) if "S3OriginConfig" in o]


def custom_origins(config):
    return [o for o in config["Origins"].get("Items", []) if "CustomOriginConfig" in o]


_BUCKET_ENDPOINT = re.compile(r"^(?P<bucket>.+)\.s3[.-](?:[a-z0-9-]+\.)*amazonaws\.com(?:\.cn)?$")


def origin_bucket(origin):
    """The bucket an S3 origin's DomainName names (bucket.s3[.region].amazonaws.com)."""
    match = _BUCKET_ENDPOINT.match(origin["DomainName"])
    return match["bucket"] if match else origin["DomainName"]


def distribution_logging(api, home_region, distribution_id):
    """The distribution's legacy standard logging settings (Enabled, Bucket, Prefix)."""
    return distribution_config(api, home_region, distribution_id).get("Logging", {})


def log_delivery_sources(api, region):
    """CloudWatch Logs delivery sources (standard logging v2: CloudFront and others)."""
    return api.read("logs", "DescribeDeliverySources", region)["deliverySources"]


def http_api_stages(api, region):
    """API Gateway v2 (HTTP and WebSocket) APIs of the region, each with its
    stages (GetStages per API, side by side)."""
    http_apis = sorted(api.read("apigatewayv2", "GetApis", region)["Items"], key=lambda a: a["ApiId"])
    stages = api.each(lambda http_api: api.read("apigatewayv2", "GetStages", region, ApiId=http_api["ApiId"])["Items"],
                      http_apis)
    return [extended(http_api, Stages=found) for http_api, found in zip(http_apis, stages)]


def bucket_exists(api, region, bucket):
    """Whether an S3 bucket of that name exists, in any account. HeadBucket
    answers 404 for a name no bucket has, whatever the caller may do, and
    403 for a bucket the caller may not look into (another account's)."""
    try:
        return api.read("s3", "HeadBucket", region, absent=("404", "NoSuchBucket", "NotFound"), Bucket=bucket) is not None
    except ApiUnreadable as error:
        if error.code in ("403", "Forbidden"):
            return True
        raise
