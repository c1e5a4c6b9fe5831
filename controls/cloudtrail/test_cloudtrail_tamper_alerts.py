"""Stopping, changing or deleting the organization trail sets off an EventBridge rule."""

import json

import pytest

from compliance.event_patterns import matches
from compliance.evidence import Finding, root_arn

TAMPERING = ("StopLogging", "UpdateTrail", "DeleteTrail")


def api_call(event_name, trail_arn, region, account_id):
    """The event EventBridge receives when ``event_name`` is called on the trail."""
    return {"source": "aws.cloudtrail", "detail-type": "AWS API Call via CloudTrail", "account": account_id,
            "region": region, "detail": {
                "eventSource": "cloudtrail.amazonaws.com", "eventName": event_name, "awsRegion": region,
                "eventType": "AwsApiCall", "recipientAccountId": account_id,
                "userIdentity": {"type": "AssumedRole", "accountId": account_id},
                "requestParameters": {"name": trail_arn}}}


def unalerted(trail, account_id):
    """The tampering calls on the trail that no enabled rule with a target reacts to."""
    patterns = [json.loads(r["EventPattern"]) for r in trail["Rules"] if r["Targets"]]
    return [name for name in TAMPERING
            if not any(matches(pattern, api_call(name, trail["TrailARN"], trail["HomeRegion"], account_id))
                       for pattern in patterns)]


@pytest.mark.control("cloudtrail-tamper-alerts")
def test_cloudtrail_tamper_alerts(trail_tamper_rules, management_account, partition, evidence):
    evidence.record("trails", trail_tamper_rules)
    findings = [
        Finding(trail["TrailARN"], f"no enabled EventBridge rule with a target reacts to {', '.join(missing)}",
                f"aws events put-rule --region {trail['HomeRegion']} --event-pattern "
                "'{\"source\":[\"aws.cloudtrail\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                "\"detail\":{\"eventName\":[\"StopLogging\",\"UpdateTrail\",\"DeleteTrail\"]}}' and aws events "
                "put-targets (an SNS topic the security team reads)")
        for trail in trail_tamper_rules if (missing := unalerted(trail, management_account.id))
    ] or ([] if trail_tamper_rules else [Finding(root_arn(partition, management_account.id),
                                                 "the management account has no organization trail",
                                                 "create one (see cloudtrail-organization-trail)")])
    evidence.verdict(findings)
