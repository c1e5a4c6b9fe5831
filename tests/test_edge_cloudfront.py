"""The CloudFront distribution controls and their moto patch, proven against moto."""

from compliance.demo.organization import create_bucket, distribution
from compliance.demo.seed_edge_services import (
    dedicated_ip_distribution,
    harden_distribution,
    loosen_distribution,
    s3_origin,
)
from tests.conftest import DEV, MANAGEMENT, PROD, REGION, assert_unreadable, write_baseline

CONTROLS = "controls/edge/test_cloudfront_distributions.py"
JUDGED = {"cloudfront-default-root-object", "cloudfront-viewer-https", "cloudfront-origin-failover",
          "cloudfront-custom-certificate", "cloudfront-sni", "cloudfront-custom-origin-https",
          "cloudfront-origin-tls", "cloudfront-s3-origin-access-control", "cloudfront-s3-origins-exist"}


def hardened(seeder, account, site):
    create_bucket(seeder, account, f"{account}-assets")
    arn = distribution(seeder, account, site)
    harden_distribution(seeder, account, arn, site, f"{account}-assets")
    return arn


def test_compliant_distributions_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    hardened(seeder, PROD, "shop.example.com")
    preview = distribution(seeder, DEV, "preview.example.com")
    loosen_distribution(seeder, DEV, preview, "preview.example.com", "deleted-assets")
    legacy = dedicated_ip_distribution(seeder, DEV, "legacy.example.com")
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c: r["outcome"] for c, r in suite.of_account(PROD).items()} == dict.fromkeys(JUDGED, "passed"), suite.output
    dev = {c: sorted((f["resource"], f["problem"]) for f in r["findings"]) for c, r in suite.of_account(DEV).items()}
    assert dev == {
        "cloudfront-default-root-object": [(preview, "it has an S3 origin and no default root object")],
        "cloudfront-viewer-https": [(preview, "viewers may use plain HTTP for the paths *")],
        "cloudfront-origin-failover": sorted([(preview, "it has no origin group of two origins to fail over to"),
                                              (legacy, "it has no origin group of two origins to fail over to")]),
        "cloudfront-custom-certificate": [(preview, "it serves CloudFront's default certificate")],
        "cloudfront-sni": [(legacy, "it serves its custom certificate with SSLSupportMethod vip, not sni-only")],
        "cloudfront-custom-origin-https": sorted([
            (preview, "it reaches the custom origins origin over plain HTTP"),
            (legacy, "it reaches the custom origins origin over plain HTTP")]),
        "cloudfront-origin-tls": [(preview, "it lets custom origins use deprecated protocols: origin (SSLv3, TLSv1)")],
        "cloudfront-s3-origin-access-control": [(preview, "its S3 origins assets have no origin access control")],
        "cloudfront-s3-origins-exist": [
            (preview, "its origin assets names the bucket deleted-assets, which does not exist")],
    }


def test_unreadable_distributions_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    faults = {PROD: ("cloudfront", "ListDistributions"), DEV: ("cloudfront", "GetDistributionConfig"),
              MANAGEMENT: ("s3", "HeadBucket")}
    for account, (service, operation) in faults.items():
        hardened(seeder, account, "shop.example.com")
        local_aws.inject("InternalError", "try again", status=500, service=service, operation=operation,
                         account=account)
    baseline = write_baseline(tmp_path / "baseline.yaml", regions=[REGION], accounts={"list": [
        {"id": MANAGEMENT, "name": "management"}, {"id": PROD, "name": "prod"}, {"id": DEV, "name": "dev"}]})
    suite = run_suite(CONTROLS, baseline=baseline)
    assert_unreadable(suite.of_account(PROD), JUDGED, "cloudfront:ListDistributions")
    assert_unreadable(suite.of_account(DEV), JUDGED, "cloudfront:GetDistributionConfig")
    assert_unreadable(suite.of_account(MANAGEMENT), {"cloudfront-s3-origins-exist"}, "s3:HeadBucket")


def test_a_bucket_the_audit_role_may_not_look_into_exists(seeder, audit_roles, regional_baseline, run_suite,
                                                          local_aws):
    """HeadBucket answers 403 for another account's bucket: it exists."""
    arn = distribution(seeder, PROD, "shop.example.com")
    harden_distribution(seeder, PROD, arn, "shop.example.com", "partner-assets")
    local_aws.inject("403", "Forbidden", status=403, service="s3", operation="HeadBucket", account=PROD)
    suite = run_suite(CONTROLS, "-k", "exist", baseline=regional_baseline)
    assert suite.of_account(PROD)["cloudfront-s3-origins-exist"]["outcome"] == "passed", suite.output


def test_moto_keeps_s3_origin_settings(seeder):
    cloudfront = seeder.client("cloudfront", PROD, REGION)
    arn = distribution(seeder, PROD, "shop.example.com")
    config = cloudfront.get_distribution_config(Id=arn.rsplit("/", 1)[1])
    cloudfront.update_distribution(Id=arn.rsplit("/", 1)[1], IfMatch=config["ETag"], DistributionConfig={
        **config["DistributionConfig"], "Origins": {"Quantity": 2, "Items": [
            config["DistributionConfig"]["Origins"]["Items"][0], s3_origin("assets", "assets", "E2OAC")]}})
    origins = cloudfront.get_distribution_config(Id=arn.rsplit("/", 1)[1])["DistributionConfig"]["Origins"]["Items"]
    assert [(o.get("S3OriginConfig"), o["OriginAccessControlId"]) for o in origins] == [
        (None, ""), ({"OriginAccessIdentity": ""}, "E2OAC")]
