"""Load balancers stay up: across zones, through deployments and against deletion."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("load-balancer-deletion-protection")
def test_load_balancer_deletion_protection(load_balancer_settings, evidence):
    key = "deletion_protection.enabled"
    judge_each(evidence, "load_balancers", load_balancer_settings, ("LoadBalancerArn", "DNSName", "Type", "Attributes"),
               lambda lb: None if lb["Attributes"].get(key) == "true" else "deletion protection is off",
               lambda lb: f"aws elbv2 modify-load-balancer-attributes --load-balancer-arn {lb['LoadBalancerArn']} "
                          f"--attributes Key={key},Value=true")


def judge_classic_setting(evidence, balancers, attribute, problem, setting):
    """A finding, ``problem``, for each Classic Load Balancer whose ``attribute`` is not Enabled;
    the fix sets it to ``setting``."""
    judge_each(evidence, "load_balancers", balancers, ("LoadBalancerArn", "DNSName", "Attributes"),
               lambda lb: None if lb["Attributes"].get(attribute, {}).get("Enabled") else problem,
               lambda lb: f"aws elb modify-load-balancer-attributes --load-balancer-name {lb['LoadBalancerName']} "
                          f"--load-balancer-attributes '{setting}'")


@pytest.mark.control("clb-connection-draining")
def test_clb_connection_draining(classic_load_balancer_settings, evidence):
    judge_classic_setting(evidence, classic_load_balancer_settings, "ConnectionDraining", "connection draining is off",
                          "ConnectionDraining={Enabled=true,Timeout=300}")


@pytest.mark.control("clb-cross-zone")
def test_clb_cross_zone(classic_load_balancer_settings, evidence):
    judge_classic_setting(evidence, classic_load_balancer_settings, "CrossZoneLoadBalancing",
                          "cross-zone load balancing is off", "CrossZoneLoadBalancing={Enabled=true}")


@pytest.mark.control("load-balancer-multi-az")
def test_load_balancer_multi_az(load_balancers, classic_load_balancers, params, evidence):
    least = params["min_availability_zones"]

    def problem(lb):
        zones = len(lb.get("AvailabilityZones", []))
        return None if zones >= least else f"it spans {zones} Availability Zone(s), fewer than {least}"

    def fix(lb):
        if lb["Type"] == "classic":
            return (f"aws elb attach-load-balancer-to-subnets --load-balancer-name {lb['LoadBalancerName']} "
                    "--subnets <a subnet in each further zone> (or enable-availability-zones-for-load-balancer)")
        return f"aws elbv2 set-subnets --load-balancer-arn {lb['LoadBalancerArn']} --subnets <a subnet in each zone>"

    judge_each(evidence, "load_balancers", load_balancers + classic_load_balancers,
               ("LoadBalancerArn", "DNSName", "Type", "AvailabilityZones"), problem, fix)
