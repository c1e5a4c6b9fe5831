"""The Route 53 query logging control, proven against moto."""

from compliance.demo.organization import seed_audit_roles
from compliance.demo.seed_edge_services import public_zone
from tests.conftest import DEV, LOG_ARCHIVE, MANAGEMENT, PROD, assert_unreadable, write_baseline

CONTROLS = "controls/edge/test_route53_query_logging.py"


def test_logging_public_zones_pass_and_silent_ones_fail(seeder, audit_roles, tmp_path, run_suite, local_aws):
    public_zone(seeder, PROD, "shop.example.com", log_group="/aws/route53/shop.example.com")
    seeder.client("route53", PROD).create_hosted_zone(
        Name="internal.example", CallerReference="internal", HostedZoneConfig={"PrivateZone": True},
        VPC={"VPCRegion": "us-east-1", "VPCId": seeder.client("ec2", PROD, "us-east-1").create_vpc(
            CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]})
    silent = public_zone(seeder, DEV, "preview.example.com")
    seed_audit_roles(seeder, [LOG_ARCHIVE])
    for account, operation in ((MANAGEMENT, "ListHostedZones"), (LOG_ARCHIVE, "ListQueryLoggingConfigs")):
        public_zone(seeder, account, "corp.example.com")
        local_aws.inject("AccessDenied", "not authorized", service="route53", operation=operation, account=account)
    baseline = write_baseline(tmp_path / "baseline.yaml", regions=["us-east-1"], accounts={"list": [
        {"id": MANAGEMENT, "name": "management"}, {"id": LOG_ARCHIVE, "name": "log-archive"},
        {"id": PROD, "name": "prod"}, {"id": DEV, "name": "dev"}]})
    suite = run_suite(CONTROLS, baseline=baseline)
    assert suite.of_account(PROD)["route53-query-logging"]["outcome"] == "passed", suite.output
    assert [(f["resource"], f["problem"]) for f in suite.of_account(DEV)["route53-query-logging"]["findings"]] == [
        (f"arn:aws:route53:::hostedzone/{silent}", "the public zone logs no DNS query")]
    assert_unreadable(suite.of_account(MANAGEMENT), {"route53-query-logging"}, "route53:ListHostedZones")
    assert_unreadable(suite.of_account(LOG_ARCHIVE), {"route53-query-logging"}, "route53:ListQueryLoggingConfigs")
