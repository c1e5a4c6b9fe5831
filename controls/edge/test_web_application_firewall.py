"""Internet-facing Application Load Balancers and CloudFront distributions sit behind AWS WAF."""

import pytest

from compliance.evidence import Finding


@pytest.mark.control("alb-waf")
def test_alb_waf(load_balancer_web_acls, evidence):
    evidence.record("load_balancers", [{k: lb.get(k) for k in ("LoadBalancerArn", "DNSName", "Scheme", "WebACL")}
                                       for lb in load_balancer_web_acls])
    findings = [
        Finding(lb["LoadBalancerArn"], f"the {lb['Scheme']} load balancer has no AWS WAF web ACL",
                f"aws wafv2 associate-web-acl --web-acl-arn <regional web ACL> --resource-arn {lb['LoadBalancerArn']}")
        for lb in load_balancer_web_acls if not lb["WebACL"]
    ]
    evidence.verdict(findings)


@pytest.mark.control("cloudfront-waf")
def test_cloudfront_waf(cloudfront_distributions, evidence):
    evidence.record("distributions", [{k: d.get(k) for k in ("ARN", "DomainName", "Enabled", "WebACLId")}
                                      for d in cloudfront_distributions])
    findings = [
        Finding(d["ARN"], "the distribution has no AWS WAF web ACL",
                f"aws cloudfront update-distribution --id {d['Id']} with WebACLId set to a CLOUDFRONT-scope web ACL "
                "ARN (created in us-east-1)")
        for d in cloudfront_distributions if not d.get("WebACLId")
    ]
    evidence.verdict(findings)
