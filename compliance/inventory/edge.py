"""What faces the internet at the edge: Application Load Balancers, CloudFront
distributions, and the AWS WAF web ACLs in front of them."""

from compliance.aws.answers import extended


def application_load_balancers(api, region):
    """The region's Application Load Balancers (Network and Gateway ones left out)."""
    answer = api.read("elbv2", "DescribeLoadBalancers", region)
    return sorted((lb for lb in answer["LoadBalancers"] if lb["Type"] == "application"),
                  key=lambda lb: lb["LoadBalancerArn"])


def web_acl_for(api, region, resource_arn):
    """The AWS WAF (v2) web ACL associated with a regional resource, or None."""
    return api.read("wafv2", "GetWebACLForResource", region, ResourceArn=resource_arn).get("WebACL")


def distributions(api, home_region):
    """CloudFront distributions (a global service, read through the home region)."""
    answer = api.read("cloudfront", "ListDistributions", home_region)
    return sorted(answer.get("DistributionList", {}).get("Items", []), key=lambda d: d["ARN"])


def load_balancer_attributes(api, region, load_balancer_arn):
    """``{key: value}`` of the load balancer's attributes (access_logs.s3.enabled and the like)."""
    answer = api.read("elbv2", "DescribeLoadBalancerAttributes", region, LoadBalancerArn=load_balancer_arn)
    return {a["Key"]: a["Value"] for a in answer["Attributes"]}


def rest_api_stages(api, region):
    """API Gateway REST APIs of the region, each with its stages."""
    return [extended(rest_api, Stages=api.read("apigateway", "GetStages", region, restApiId=rest_api["id"])["item"])
            for rest_api in sorted(api.read("apigateway", "GetRestApis", region)["items"], key=lambda a: a["id"])]


def distribution_logging(api, home_region, distribution_id):
    """The distribution's legacy standard logging settings (Enabled, Bucket, Prefix)."""
    answer = api.read("cloudfront", "GetDistributionConfig", home_region, Id=distribution_id)
    return answer["DistributionConfig"].get("Logging", {})


def log_delivery_sources(api, region):
    """CloudWatch Logs delivery sources (standard logging v2: CloudFront and others)."""
    return api.read("logs", "DescribeDeliverySources", region)["deliverySources"]


def http_api_stages(api, region):
    """API Gateway v2 (HTTP and WebSocket) APIs of the region, each with its stages."""
    return [extended(http_api, Stages=api.read("apigatewayv2", "GetStages", region, ApiId=http_api["ApiId"])["Items"])
            for http_api in sorted(api.read("apigatewayv2", "GetApis", region)["Items"], key=lambda a: a["ApiId"])]
