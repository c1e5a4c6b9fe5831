"""What faces the internet at the edge: Application Load Balancers, CloudFront
distributions, and the AWS WAF web ACLs in front of them."""


def load_balancers(api, region):
    answer = api.read("elbv2", "DescribeLoadBalancers", region)
    return sorted(answer["LoadBalancers"], key=lambda lb: lb["LoadBalancerArn"])


def web_acl_for(api, region, resource_arn):
    """The AWS WAF (v2) web ACL associated with a regional resource, or None."""
    return api.read("wafv2", "GetWebACLForResource", region, ResourceArn=resource_arn).get("WebACL")


def distributions(api, home_region):
    """CloudFront distributions (a global service, read through the home region)."""
    answer = api.read("cloudfront", "ListDistributions", home_region)
    return sorted(answer.get("DistributionList", {}).get("Items", []), key=lambda d: d["ARN"])
