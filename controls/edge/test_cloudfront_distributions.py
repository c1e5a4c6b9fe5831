"""CloudFront distributions: what they serve at the root, how viewers and
origins are reached, and what happens when an origin fails or disappears."""

import pytest

from compliance.inventory.edge import custom_origins, s3_origins
from controls.judging import judge_each

PLAIN_HTTP = "allow-all"


def update(d):
    return f"aws cloudfront update-distribution --id {d['Id']}"


def behaviors(d):
    """The default cache behavior and every other, each with its PathPattern ("*" for the default)."""
    return [{"PathPattern": "*", **d["DefaultCacheBehavior"]}] + d.get("CacheBehaviors", {}).get("Items", [])


def named(items):
    return ", ".join(items)


@pytest.mark.control("cloudfront-default-root-object")
def test_cloudfront_default_root_object(cloudfront_configs, evidence):
    judge_each(evidence, "distributions", cloudfront_configs, ("ARN", "DomainName", "DefaultRootObject", "Origins"),
               lambda d: "it has an S3 origin and no default root object"
               if s3_origins(d) and not d.get("DefaultRootObject") else None,
               lambda d: f"{update(d)} with DefaultRootObject set (for example index.html)")


@pytest.mark.control("cloudfront-viewer-https")
def test_cloudfront_viewer_https(cloudfront_configs, evidence):
    def problem(d):
        plain = [b["PathPattern"] for b in behaviors(d) if b["ViewerProtocolPolicy"] == PLAIN_HTTP]
        return plain and f"viewers may use plain HTTP for the paths {named(plain)}"

    judge_each(evidence, "distributions", cloudfront_configs,
               ("ARN", "DomainName", "DefaultCacheBehavior", "CacheBehaviors"), problem,
               lambda d: f"{update(d)} with ViewerProtocolPolicy redirect-to-https in every cache behavior")


@pytest.mark.control("cloudfront-origin-failover")
def test_cloudfront_origin_failover(cloudfront_configs, evidence):
    judge_each(evidence, "distributions", cloudfront_configs, ("ARN", "DomainName", "OriginGroups"),
               lambda d: None if any(len(g["Members"].get("Items", [])) >= 2
                                     for g in d.get("OriginGroups", {}).get("Items", []))
               else "it has no origin group of two origins to fail over to",
               lambda d: f"add a second origin and an origin group of both with failover criteria ({update(d)})")


def custom_certificate(d):
    certificate = d["ViewerCertificate"]
    return certificate.get("ACMCertificateArn") or certificate.get("IAMCertificateId")


@pytest.mark.control("cloudfront-custom-certificate")
def test_cloudfront_custom_certificate(cloudfront_configs, evidence):
    judge_each(evidence, "distributions", cloudfront_configs, ("ARN", "DomainName", "ViewerCertificate"),
               lambda d: None if custom_certificate(d) else "it serves CloudFront's default certificate",
               lambda d: f"request a certificate in ACM (us-east-1), then {update(d)} with ViewerCertificate "
                         "ACMCertificateArn=<ARN>,SSLSupportMethod=sni-only,MinimumProtocolVersion=TLSv1.2_2021")


@pytest.mark.control("cloudfront-sni")
def test_cloudfront_sni(cloudfront_configs, evidence):
    def problem(d):
        method = d["ViewerCertificate"].get("SSLSupportMethod")
        if custom_certificate(d) and method != "sni-only":
            return f"it serves its custom certificate with SSLSupportMethod {method}, not sni-only"
        return None

    judge_each(evidence, "distributions", cloudfront_configs, ("ARN", "DomainName", "ViewerCertificate"), problem,
               lambda d: f"{update(d)} with ViewerCertificate.SSLSupportMethod sni-only")


def plain_http_origins(d):
    """Ids of the origins (and origin groups' members) that a cache behavior admitting plain HTTP routes to."""
    groups = {g["Id"]: [m["OriginId"] for m in g["Members"].get("Items", [])]
              for g in d.get("OriginGroups", {}).get("Items", [])}
    return {origin for b in behaviors(d) if b["ViewerProtocolPolicy"] == PLAIN_HTTP
            for origin in groups.get(b["TargetOriginId"], [b["TargetOriginId"]])}


@pytest.mark.control("cloudfront-custom-origin-https")
def test_cloudfront_custom_origin_https(cloudfront_configs, evidence):
    def problem(d):
        viewer_plain = plain_http_origins(d)
        plain = [o["Id"] for o in custom_origins(d) if (policy := o["CustomOriginConfig"]["OriginProtocolPolicy"])
                 == "http-only" or (policy == "match-viewer" and o["Id"] in viewer_plain)]
        return plain and f"it reaches the custom origins {named(plain)} over plain HTTP"

    judge_each(evidence, "distributions", cloudfront_configs,
               ("ARN", "DomainName", "Origins", "OriginGroups", "DefaultCacheBehavior", "CacheBehaviors"), problem,
               lambda d: f"{update(d)} with each custom origin's OriginProtocolPolicy https-only")


@pytest.mark.control("cloudfront-origin-tls")
def test_cloudfront_origin_tls(cloudfront_configs, params, evidence):
    deprecated = params["deprecated_protocols"]

    def problem(d):
        weak = [f"{o['Id']} ({named(p)})" for o in custom_origins(d)
                if (p := [v for v in o["CustomOriginConfig"]["OriginSslProtocols"].get("Items", [])
                          if v in deprecated])]
        return weak and f"it lets custom origins use deprecated protocols: {named(weak)}"

    judge_each(evidence, "distributions", cloudfront_configs, ("ARN", "DomainName", "Origins"), problem,
               lambda d: f"{update(d)} with each custom origin's OriginSslProtocols TLSv1.2 only")


@pytest.mark.control("cloudfront-s3-origin-access-control")
def test_cloudfront_s3_origin_access_control(cloudfront_configs, evidence):
    def problem(d):
        open_origins = [o["Id"] for o in s3_origins(d) if not o.get("OriginAccessControlId")]
        return open_origins and f"its S3 origins {named(open_origins)} have no origin access control"

    judge_each(evidence, "distributions", cloudfront_configs, ("ARN", "DomainName", "Origins"), problem,
               lambda d: "aws cloudfront create-origin-access-control --origin-access-control-config "
                         "Name=<name>,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3, "
                         f"then {update(d)} with the origin's OriginAccessControlId set, and admit only "
                         "cloudfront.amazonaws.com for this distribution in the bucket policy")


@pytest.mark.control("cloudfront-s3-origins-exist")
def test_cloudfront_s3_origins_exist(cloudfront_s3_origins, evidence):
    judge_each(evidence, "origins", cloudfront_s3_origins, ("ARN", "OriginId", "DomainName", "Bucket", "Exists"),
               lambda o: None if o["Exists"] else f"its origin {o['OriginId']} names the bucket {o['Bucket']}, "
                                                  "which does not exist",
               lambda o: f"create the bucket {o['Bucket']} in your account, or point the origin elsewhere "
                         f"(aws cloudfront update-distribution --id {o['Id']})")
