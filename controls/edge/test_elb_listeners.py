"""Load balancers' listeners keep their clients' traffic encrypted."""

import pytest

from controls.judging import judge_each

ENCRYPTED = {"HTTPS", "SSL"}


def redirects_to_https(listener):
    return any(a["Type"] == "redirect" and a.get("RedirectConfig", {}).get("Protocol") == "HTTPS"
               for a in listener.get("DefaultActions", []))


def ports(found):
    """"port 80" or "ports 80, 8080"."""
    return ("port " if len(found) == 1 else "ports ") + ", ".join(str(port) for port in found)


@pytest.mark.control("alb-http-redirects-to-https")
def test_alb_http_redirects_to_https(application_load_balancer_listeners, evidence):
    def problem(lb):
        plain = [listener["Port"] for listener in lb["Listeners"]
                 if listener["Protocol"] == "HTTP" and not redirects_to_https(listener)]
        return plain and f"it serves plain HTTP without redirecting to HTTPS on {ports(plain)}"

    judge_each(evidence, "load_balancers", application_load_balancer_listeners,
               ("LoadBalancerArn", "DNSName", "Listeners"), problem,
               lambda lb: "aws elbv2 modify-listener --listener-arn <HTTP listener ARN> --default-actions "
                          "'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'")


def listeners(lb):
    return [d["Listener"] for d in lb.get("ListenerDescriptions", [])]


@pytest.mark.control("clb-encrypted-listeners")
def test_clb_encrypted_listeners(classic_load_balancers, evidence):
    def problem(lb):
        plain = [listener["LoadBalancerPort"] for listener in listeners(lb) if listener["Protocol"] not in ENCRYPTED]
        return plain and f"it listens unencrypted (neither HTTPS nor SSL) on {ports(plain)}"

    judge_each(evidence, "load_balancers", classic_load_balancers,
               ("LoadBalancerArn", "DNSName", "ListenerDescriptions"), problem,
               lambda lb: f"aws elb create-load-balancer-listeners --load-balancer-name {lb['LoadBalancerName']} "
                          "--listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=<port>,"
                          "SSLCertificateId=<ACM certificate ARN>, then aws elb delete-load-balancer-listeners "
                          f"--load-balancer-name {lb['LoadBalancerName']} --load-balancer-ports <plain port>")


@pytest.mark.control("clb-acm-certificates")
def test_clb_acm_certificates(classic_load_balancers, evidence):
    def problem(lb):
        elsewhere = [listener["LoadBalancerPort"] for listener in listeners(lb) if listener["Protocol"] in ENCRYPTED
                     and ":acm:" not in listener.get("SSLCertificateId", "")]
        return elsewhere and f"it serves a certificate that is not in ACM on {ports(elsewhere)}"

    judge_each(evidence, "load_balancers", classic_load_balancers,
               ("LoadBalancerArn", "DNSName", "ListenerDescriptions"), problem,
               lambda lb: "aws elb set-load-balancer-listener-ssl-certificate --load-balancer-name "
                          f"{lb['LoadBalancerName']} --load-balancer-port <port> --ssl-certificate-id "
                          "<ACM certificate ARN>")
