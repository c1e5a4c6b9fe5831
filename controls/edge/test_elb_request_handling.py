"""Load balancers refuse the malformed requests that smuggle one request inside another."""

import pytest

from controls.judging import judge_each

ALB_DESYNC = "routing.http.desync_mitigation_mode"
CLB_DESYNC = "elb.http.desyncmitigationmode"


@pytest.mark.control("alb-drops-invalid-headers")
def test_alb_drops_invalid_headers(load_balancer_settings, evidence):
    key = "routing.http.drop_invalid_header_fields.enabled"
    judge_each(evidence, "load_balancers", [lb for lb in load_balancer_settings if lb["Type"] == "application"],
               ("LoadBalancerArn", "DNSName", "Attributes"),
               lambda lb: None if lb["Attributes"].get(key) == "true" else "it forwards invalid HTTP header fields",
               lambda lb: f"aws elbv2 modify-load-balancer-attributes --load-balancer-arn {lb['LoadBalancerArn']} "
                          f"--attributes Key={key},Value=true")


def desync_problem(mode, modes):
    """Why ``mode`` (None when not reported) is not among ``modes``, or None."""
    if mode is None:
        return "it does not report its HTTP desync mitigation mode"
    return None if mode in modes else f"its HTTP desync mitigation mode is {mode}"


def desync_mode(lb):
    """The load balancer's desync mitigation mode, or None when it reports none."""
    if lb["Type"] == "classic":
        return next((a.get("Value") for a in lb["Attributes"].get("AdditionalAttributes", [])
                     if a.get("Key") == CLB_DESYNC), None)
    return lb["Attributes"].get(ALB_DESYNC)


@pytest.mark.control("load-balancer-desync-mitigation")
def test_load_balancer_desync_mitigation(load_balancer_settings, classic_load_balancer_settings, params, evidence):
    modes = params["modes"]

    def fix(lb):
        if lb["Type"] == "classic":
            return (f"aws elb modify-load-balancer-attributes --load-balancer-name {lb['LoadBalancerName']} "
                    f"--load-balancer-attributes 'AdditionalAttributes=[{{Key={CLB_DESYNC},Value={modes[0]}}}]'")
        return (f"aws elbv2 modify-load-balancer-attributes --load-balancer-arn {lb['LoadBalancerArn']} "
                f"--attributes Key={ALB_DESYNC},Value={modes[0]}")

    judge_each(evidence, "load_balancers",
               [lb for lb in load_balancer_settings if lb["Type"] == "application"] + classic_load_balancer_settings,
               ("LoadBalancerArn", "DNSName", "Type", "Attributes"),
               lambda lb: desync_problem(desync_mode(lb), modes), fix)
