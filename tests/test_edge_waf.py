"""The AWS WAF web ACL controls, proven against moto."""

import pytest

from compliance.demo.organization import web_acl
from compliance.demo.seed_edge_services import harden_web_acl, rule_group, silent_web_acl
from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROLS = "controls/edge/test_waf_web_acls.py"
JUDGED = {"waf-web-acl-rules", "waf-logging", "waf-cloudwatch-metrics"}


def test_inspecting_web_acls_pass_and_silent_ones_fail(seeder, audit_roles, regional_baseline, run_suite):
    for scope in ("REGIONAL", "CLOUDFRONT"):  # CLOUDFRONT's are judged with the only region in scope
        harden_web_acl(seeder, PROD, REGION, web_acl(seeder, PROD, "us-east-1" if scope == "CLOUDFRONT" else REGION,
                                                     scope), scope)
    rule_group(seeder, PROD, REGION, "shop-rules", metrics=True)
    silent = silent_web_acl(seeder, DEV, REGION, "preview")
    edge = web_acl(seeder, DEV, "us-east-1", "CLOUDFRONT")
    group = rule_group(seeder, DEV, REGION, "preview-rules", metrics=False)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c: r["outcome"] for c, r in suite.of_account(PROD).items()} == dict.fromkeys(JUDGED, "passed"), suite.output
    dev = {c: sorted((f["resource"], f["problem"]) for f in r["findings"]) for c, r in suite.of_account(DEV).items()}
    assert dev == {
        "waf-web-acl-rules": sorted([(silent, "the web ACL has no rule: it inspects nothing"),
                                     (edge, "the web ACL has no rule: it inspects nothing")]),
        "waf-logging": sorted([(silent, "the web ACL logs no request"), (edge, "the web ACL logs no request")]),
        "waf-cloudwatch-metrics": sorted([(silent, "no CloudWatch metrics from the web ACL"),
                                          (group, "no CloudWatch metrics from the rule group, rule rate-limit")]),
    }


@pytest.mark.parametrize("faults", [
    {PROD: ("ListWebACLs", REGION, JUDGED), DEV: ("GetRuleGroup", REGION, {"waf-cloudwatch-metrics"})},
    {PROD: ("GetWebACL", "us-east-1", {"waf-web-acl-rules", "waf-cloudwatch-metrics"}),
     DEV: ("ListLoggingConfigurations", REGION, {"waf-logging"})}], ids=["lists", "reads"])
def test_unreadable_web_acls_error(faults, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    for account, (operation, region, _) in faults.items():
        harden_web_acl(seeder, account, REGION, web_acl(seeder, account, "us-east-1", "CLOUDFRONT"), "CLOUDFRONT")
        harden_web_acl(seeder, account, REGION, web_acl(seeder, account, REGION))
        rule_group(seeder, account, REGION, "rules", metrics=True)
        local_aws.inject("AccessDeniedException", "not authorized", service="wafv2", operation=operation,
                         account=account, region=region)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    for account, (operation, region, controls) in faults.items():
        assert_unreadable(suite.of_account(account), controls,
                          f"wafv2:{operation} in account {account} region {region}")


def test_moto_lists_the_logging_configurations_of_each_scope(seeder):
    for scope, region in (("CLOUDFRONT", "us-east-1"), ("REGIONAL", "us-east-1")):
        harden_web_acl(seeder, PROD, region, web_acl(seeder, PROD, region, scope), scope)
    wafv2 = seeder.client("wafv2", PROD, "us-east-1")
    listed = {scope: [c["ResourceArn"].split(":")[5].split("/")[0]
                      for c in wafv2.list_logging_configurations(Scope=scope)["LoggingConfigurations"]]
              for scope in ("CLOUDFRONT", "REGIONAL")}
    assert listed == {"CLOUDFRONT": ["global"], "REGIONAL": ["regional"]}
