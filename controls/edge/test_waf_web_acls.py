"""AWS WAF web ACLs inspect requests, and show and log what they do."""

import pytest

from compliance.aws.answers import extended
from controls.judging import judge_each


def update(kind, resource):
    return (f"aws wafv2 update-{kind} --name {resource['Name']} --id {resource['Id']} --scope {resource['Scope']} "
            "--lock-token <from get>")


@pytest.mark.control("waf-web-acl-rules")
def test_waf_web_acl_rules(waf_web_acls, evidence):
    judge_each(evidence, "web_acls", waf_web_acls, ("ARN", "Name", "Scope", "DefaultAction", "Rules"),
               lambda acl: None if acl.get("Rules") else "the web ACL has no rule: it inspects nothing",
               lambda acl: f"{update('web-acl', acl)} --rules <the AWS managed rule groups you need>, or delete it "
                           "if nothing uses it")


@pytest.mark.control("waf-logging")
def test_waf_logging(waf_web_acl_logging, evidence):
    judge_each(evidence, "web_acls", waf_web_acl_logging, ("ARN", "Name", "Scope", "Logged"),
               lambda acl: None if acl["Logged"] else "the web ACL logs no request",
               lambda acl: f"aws wafv2 put-logging-configuration --logging-configuration ResourceArn={acl['ARN']},"
                           "LogDestinationConfigs=<aws-waf-logs-* log group, bucket or Firehose ARN>")


def silent_parts(resource, kind):
    """What of the web ACL or rule group sends no CloudWatch metrics: itself and its rules by name."""
    parts = [f"the {kind}"] if not resource["VisibilityConfig"].get("CloudWatchMetricsEnabled") else []
    parts += [f"rule {r['Name']}" for r in resource.get("Rules", [])
              if not r["VisibilityConfig"].get("CloudWatchMetricsEnabled")]
    return parts


@pytest.mark.control("waf-cloudwatch-metrics")
def test_waf_cloudwatch_metrics(waf_web_acls, waf_rule_groups, evidence):
    judged = [extended(acl, Kind="web ACL") for acl in waf_web_acls] + [
        extended(group, Kind="rule group") for group in waf_rule_groups]

    def problem(resource):
        silent = silent_parts(resource, resource["Kind"])
        return silent and f"no CloudWatch metrics from {', '.join(silent)}"

    judge_each(evidence, "web_acls_and_rule_groups", judged, ("ARN", "Name", "Kind", "Scope", "VisibilityConfig",
                                                              "Rules"), problem,
               lambda r: f"{update('web-acl' if r['Kind'] == 'web ACL' else 'rule-group', r)} with "
                         "VisibilityConfig CloudWatchMetricsEnabled=true on it and on each of its rules")
