"""The load balancer controls (listeners, request handling, availability,
access logging of Classic Load Balancers) and their moto patches, proven
against moto."""

from compliance.demo.organization import load_balancer
from compliance.demo.seed_edge_services import (
    careless_classic_load_balancer,
    harden_application_load_balancer,
    hardened_classic_load_balancer,
    loosen_application_load_balancer,
    network_load_balancer,
)
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROLS = ["controls/edge/test_elb_listeners.py", "controls/edge/test_elb_request_handling.py",
            "controls/edge/test_elb_availability.py", "controls/edge/test_access_logging.py"]
ELB_CONTROLS = {"alb-http-redirects-to-https", "clb-encrypted-listeners", "clb-acm-certificates",
                "alb-drops-invalid-headers", "load-balancer-desync-mitigation", "load-balancer-deletion-protection",
                "clb-connection-draining", "clb-cross-zone", "load-balancer-multi-az"}
JUDGED = ELB_CONTROLS | {"web-access-logging"}


def estate(seeder, account, region, compliant):
    """An Application, a Network and a Classic Load Balancer in ``region``:
    compliant, or each breaking every rule that applies to it."""
    alb = load_balancer(seeder, account, region, "web", access_logs="logs" if compliant else None)
    subnets = [zone["SubnetId"] for zone in seeder.client("elbv2", account, region).describe_load_balancers(
        LoadBalancerArns=[alb])["LoadBalancers"][0]["AvailabilityZones"]]
    nlb = network_load_balancer(seeder, account, region, "tcp", subnets if compliant else subnets[:1],
                                deletion_protection=compliant)
    if compliant:
        harden_application_load_balancer(seeder, account, region, alb)
        clb = hardened_classic_load_balancer(seeder, account, region, "legacy", "logs")
    else:
        loosen_application_load_balancer(seeder, account, region, alb)
        clb = careless_classic_load_balancer(seeder, account, region, "legacy")
    return alb, nlb, clb


def test_compliant_load_balancers_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    estate(seeder, PROD, REGION, compliant=True)
    alb, nlb, clb = estate(seeder, DEV, REGION, compliant=False)
    suite = run_suite(*CONTROLS, baseline=regional_baseline)
    prod = suite.of_account(PROD)
    assert {c: prod[c]["outcome"] for c in JUDGED} == dict.fromkeys(JUDGED, "passed"), suite.output
    dev = {c: sorted((f["resource"], f["problem"]) for f in r["findings"]) for c, r in suite.of_account(DEV).items()
           if c in JUDGED}
    assert dev == {
        "alb-http-redirects-to-https": [(alb, "it serves plain HTTP without redirecting to HTTPS on port 80")],
        "clb-encrypted-listeners": [(clb, "it listens unencrypted (neither HTTPS nor SSL) on port 80")],
        "clb-acm-certificates": [(clb, "it serves a certificate that is not in ACM on port 443")],
        "alb-drops-invalid-headers": [(alb, "it forwards invalid HTTP header fields")],
        "load-balancer-desync-mitigation": sorted([(alb, "its HTTP desync mitigation mode is monitor"),
                                                   (clb, "its HTTP desync mitigation mode is monitor")]),
        "load-balancer-deletion-protection": sorted([(alb, "deletion protection is off"),
                                                     (nlb, "deletion protection is off")]),
        "clb-connection-draining": [(clb, "connection draining is off")],
        "clb-cross-zone": [(clb, "cross-zone load balancing is off")],
        "load-balancer-multi-az": sorted([(nlb, "it spans 1 Availability Zone(s), fewer than 2"),
                                          (clb, "it spans 1 Availability Zone(s), fewer than 2")]),
        "web-access-logging": sorted([(alb, "access logging is off"), (clb, "access logging is off")]),
    }
    fix = next(f["fix"] for f in suite.of_account(DEV)["load-balancer-desync-mitigation"]["findings"]
               if f["resource"] == clb)
    assert fix == ("aws elb modify-load-balancer-attributes --load-balancer-name legacy --load-balancer-attributes "
                   "'AdditionalAttributes=[{Key=elb.http.desyncmitigationmode,Value=defensive}]'")


def unreadable(results, controls, operation):
    """Exactly ``controls`` errored, each naming ``operation`` of elb or elbv2."""
    assert_unreadable(results, controls, "elb")
    assert all(f":{operation} " in results[c]["message"] for c in controls), [results[c]["message"] for c in controls]


def test_unreadable_load_balancer_reads_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in ("us-east-1", REGION):
            estate(seeder, account, region, compliant=True)
    faults = {(PROD, "us-east-1"): "DescribeLoadBalancers", (PROD, REGION): "DescribeLoadBalancerAttributes",
              (DEV, "us-east-1"): "DescribeListeners"}
    for (account, region), operation in faults.items():
        local_aws.inject("AccessDenied", "not authorized", service="elasticloadbalancing", operation=operation,
                         account=account, region=region)
    suite = run_suite(*CONTROLS, baseline=write_baseline(tmp_path / "baseline.yaml"))
    results = {(account, region): {c: r for c, r in suite.by_control(f"{name}-{account}-{region}").items()
                                   if c in JUDGED}
               for account, name in ((PROD, "prod"), (DEV, "dev")) for region in ("us-east-1", REGION)}
    # Classic and v2 DescribeLoadBalancers (and DescribeLoadBalancerAttributes) share their names: a fault takes both.
    unreadable(results[PROD, "us-east-1"], JUDGED, "DescribeLoadBalancers")
    unreadable(results[PROD, REGION], {"alb-drops-invalid-headers", "load-balancer-desync-mitigation",
                                       "load-balancer-deletion-protection", "clb-connection-draining",
                                       "clb-cross-zone", "web-access-logging"}, "DescribeLoadBalancerAttributes")
    assert_unreadable(results[DEV, "us-east-1"], {"alb-http-redirects-to-https"}, "elbv2:DescribeListeners")
    assert {r["outcome"] for r in results[DEV, REGION].values()} == {"passed"}


def test_moto_reports_aws_default_attributes(seeder):
    alb = load_balancer(seeder, PROD, REGION, "web")
    attributes = {a["Key"]: a["Value"] for a in seeder.client("elbv2", PROD, REGION).describe_load_balancer_attributes(
        LoadBalancerArn=alb)["Attributes"]}
    assert attributes["routing.http.desync_mitigation_mode"] == "defensive"
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "false"
    elb = seeder.client("elb", PROD, REGION)
    elb.create_load_balancer(LoadBalancerName="legacy", AvailabilityZones=[f"{REGION}a"], Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80}])

    def additional():
        return elb.describe_load_balancer_attributes(LoadBalancerName="legacy")["LoadBalancerAttributes"][
            "AdditionalAttributes"]

    assert additional() == [{"Key": "elb.http.desyncmitigationmode", "Value": "defensive"}]
    elb.modify_load_balancer_attributes(LoadBalancerName="legacy", LoadBalancerAttributes={"AdditionalAttributes": [
        {"Key": "elb.http.desyncmitigationmode", "Value": "strictest"}]})
    elb.modify_load_balancer_attributes(LoadBalancerName="legacy", LoadBalancerAttributes={
        "CrossZoneLoadBalancing": {"Enabled": True}})
    assert additional() == [{"Key": "elb.http.desyncmitigationmode", "Value": "strictest"}]
