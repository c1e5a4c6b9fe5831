"""AWS CloudTrail: trails (including organization trails seen from member
accounts), their status and event selectors."""


def trails(api, region, include_shadow_trails):
    return api.read("cloudtrail", "DescribeTrails", region,
                    includeShadowTrails=include_shadow_trails)["trailList"]


def status(api, region, trail_arn):
    return api.read("cloudtrail", "GetTrailStatus", region, Name=trail_arn)


def event_selectors(api, region, trail_arn):
    """``{"EventSelectors": [...]}`` or ``{"AdvancedEventSelectors": [...]}``."""
    return api.read("cloudtrail", "GetEventSelectors", region, TrailName=trail_arn)


def insight_selectors(api, region, trail_arn):
    """The Insights types the trail collects ([] when Insights is off)."""
    answer = api.read("cloudtrail", "GetInsightSelectors", region, absent=("InsightNotEnabledException",),
                      TrailName=trail_arn)
    return [s["InsightType"] for s in (answer or {}).get("InsightSelectors", [])]
