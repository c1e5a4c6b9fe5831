"""The AWS WAF controls for load balancers and CloudFront, proven against moto."""

import pytest

from compliance.demo.organization import distribution, load_balancer, web_acl
from tests.conftest import DEV, PROD, REGION, write_baseline

CONTROLS = "controls/edge/test_web_application_firewall.py"



def test_protected_endpoints_pass(seeder, audit_roles, regional_baseline, run_suite):
    acl = web_acl(seeder, PROD, REGION)
    load_balancer(seeder, PROD, REGION, "shop", acl_arn=acl)
    load_balancer(seeder, PROD, REGION, "internal", scheme="internal", acl_arn=acl)
    distribution(seeder, PROD, "shop.example.com", acl_arn=web_acl(seeder, PROD, "us-east-1", "CLOUDFRONT"))
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c: r["outcome"] for c, r in suite.of_account(PROD).items()} == {
        "alb-waf": "passed", "cloudfront-waf": "passed"}, suite.output


def test_unprotected_endpoints_fail(seeder, audit_roles, regional_baseline, run_suite):
    exposed = load_balancer(seeder, DEV, REGION, "exposed")
    internal = load_balancer(seeder, DEV, REGION, "internal", scheme="internal")
    bare = distribution(seeder, DEV, "bare.example.com")
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    dev = {c: sorted((f["resource"], f["problem"]) for f in r["findings"]) for c, r in suite.of_account(DEV).items()}
    assert dev == {"alb-waf": sorted([(exposed, "the internet-facing load balancer has no AWS WAF web ACL"),
                                      (internal, "the internal load balancer has no AWS WAF web ACL")]),
                   "cloudfront-waf": [(bare, "the distribution has no AWS WAF web ACL")]}


def test_internal_load_balancers_pass_when_the_baseline_judges_internet_facing_only(seeder, audit_roles, tmp_path,
                                                                                   run_suite):
    load_balancer(seeder, PROD, REGION, "internal", scheme="internal")
    baseline = write_baseline(tmp_path / "pci.yaml", regions=[REGION],
                              controls={"alb-waf": {"schemes": ["internet-facing"]}})
    suite = run_suite(CONTROLS, baseline=baseline)
    assert suite.of_account(PROD)["alb-waf"]["outcome"] == "passed", suite.output


@pytest.mark.parametrize("service, operation, control", [
    ("elasticloadbalancing", "DescribeLoadBalancers", "alb-waf"),
    ("wafv2", "GetWebACLForResource", "alb-waf"),
    ("cloudfront", "ListDistributions", "cloudfront-waf")])
def test_unreadable_api_errors(service, operation, control, seeder, audit_roles, regional_baseline, run_suite,
                               local_aws):
    load_balancer(seeder, PROD, REGION, "shop")
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c for c, r in suite.of_account(PROD).items() if r["outcome"] == "error"} == {control}
