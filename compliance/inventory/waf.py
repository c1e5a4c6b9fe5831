"""AWS WAF (v2) web ACLs and rule groups, REGIONAL in their region and
CLOUDFRONT-scoped in us-east-1, where AWS WAF keeps them."""

CLOUDFRONT_REGION = "us-east-1"


def _all_pages(api, operation, region, member, **params):
    """Every item of ``member`` over the pages of ``operation`` (AWS WAF's
    lists page with NextMarker, which botocore does not paginate)."""
    found, marker = [], {}
    while True:
        answer = api.read("wafv2", operation, region, **params, **marker)
        found += answer.get(member, [])
        if not answer.get("NextMarker") or not answer.get(member):
            return found
        marker = {"NextMarker": answer["NextMarker"]}


def web_acl_summaries(api, region, scope):
    """The web ACLs of ``scope`` (REGIONAL or CLOUDFRONT) read in ``region``: Name, Id, ARN."""
    return sorted(_all_pages(api, "ListWebACLs", region, "WebACLs", Scope=scope), key=lambda a: a["ARN"])


def web_acls_by_resource(api, region, resource_type):
    """``{resource ARN: web ACL summary}`` for the region's resources of
    ``resource_type`` (APPLICATION_LOAD_BALANCER, API_GATEWAY ...) that a
    REGIONAL web ACL protects: one ListResourcesForWebACL per web ACL, where
    GetWebACLForResource would ask once per resource."""
    return {arn: acl for acl in web_acl_summaries(api, region, "REGIONAL")
            for arn in api.read("wafv2", "ListResourcesForWebACL", region, WebACLArn=acl["ARN"],
                                ResourceType=resource_type).get("ResourceArns", [])}


def web_acls(api, region, scope):
    """The web ACLs of ``scope`` read in ``region``, each whole (rules, visibility)."""
    return [api.read("wafv2", "GetWebACL", region, Name=acl["Name"], Id=acl["Id"], Scope=scope)["WebACL"]
            for acl in web_acl_summaries(api, region, scope)]


def rule_groups(api, region, scope):
    """The rule groups the account owns in ``scope`` read in ``region``, each whole (rules, visibility)."""
    return [api.read("wafv2", "GetRuleGroup", region, Name=group["Name"], Id=group["Id"], Scope=scope)["RuleGroup"]
            for group in sorted(_all_pages(api, "ListRuleGroups", region, "RuleGroups", Scope=scope),
                                key=lambda g: g["ARN"])]


def logged_web_acls(api, region, scope):
    """ARNs of the web ACLs of ``scope`` that have a logging configuration."""
    return {c["ResourceArn"] for c in _all_pages(api, "ListLoggingConfigurations", region, "LoggingConfigurations",
                                                 Scope=scope)}
