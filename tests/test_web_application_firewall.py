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


def test_load_balancers_cost_one_request_per_web_acl_not_per_load_balancer(seeder, audit_roles, regional_baseline,
                                                                          run_suite):
    """Which load balancers a web ACL protects is asked of each web ACL
    (ListResourcesForWebACL), not of each load balancer (GetWebACLForResource);
    a region without Application Load Balancers asks AWS WAF nothing."""
    acl = web_acl(seeder, PROD, REGION)
    protected = [load_balancer(seeder, PROD, REGION, f"shop-{n}", acl_arn=acl) for n in range(3)]
    exposed = [load_balancer(seeder, PROD, REGION, f"exposed-{n}") for n in range(3)]
    suite = run_suite(CONTROLS, "-k", "alb", baseline=regional_baseline)
    findings = suite.of_account(PROD)["alb-waf"]["findings"]
    assert sorted(f["resource"] for f in findings) == sorted(exposed), suite.output
    assert not set(protected) & {f["resource"] for f in findings}
    requests = suite.results["run"]["api"]["by_operation"]
    assert (requests["wafv2:ListWebACLs"], requests["wafv2:ListResourcesForWebACL"]) == (1, 1)  # PROD's region only
    assert "wafv2:GetWebACLForResource" not in requests


def test_moto_lists_the_resources_of_the_type_asked(seeder):
    acl = web_acl(seeder, PROD, REGION)
    alb = load_balancer(seeder, PROD, REGION, "shop", acl_arn=acl)
    stage = f"arn:aws:apigateway:{REGION}::/restapis/abc123/stages/prod"
    wafv2 = seeder.client("wafv2", PROD, REGION)
    wafv2.associate_web_acl(WebACLArn=acl, ResourceArn=stage)
    assert wafv2.list_resources_for_web_acl(WebACLArn=acl)["ResourceArns"] == [alb]
    assert wafv2.list_resources_for_web_acl(WebACLArn=acl, ResourceType="API_GATEWAY")["ResourceArns"] == [stage]


@pytest.mark.parametrize("service, operation, control", [
    ("elasticloadbalancing", "DescribeLoadBalancers", "alb-waf"),
    ("wafv2", "ListWebACLs", "alb-waf"),
    ("wafv2", "ListResourcesForWebACL", "alb-waf"),
    ("cloudfront", "ListDistributions", "cloudfront-waf")])
def test_unreadable_api_errors(service, operation, control, seeder, audit_roles, regional_baseline, run_suite,
                               local_aws):
    load_balancer(seeder, PROD, REGION, "shop", acl_arn=web_acl(seeder, PROD, REGION))
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c for c, r in suite.of_account(PROD).items() if r["outcome"] == "error"} == {control}
