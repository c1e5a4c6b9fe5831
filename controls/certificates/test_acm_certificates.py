"""ACM certificates are renewed in time and have keys long enough."""

import datetime
import re

import pytest

from controls.judging import judge_each

JUDGED_STATUSES = {"ISSUED", "EXPIRED"}
RSA_BITS = re.compile(r"^RSA_(\d+)$")


@pytest.mark.control("acm-certificate-expiry")
def test_acm_certificate_expiry(acm_certificates, params, now, evidence):
    days = params["days_before_expiry"]
    horizon = now + datetime.timedelta(days=days)

    def problem(c):
        if c["NotAfter"] < now:
            return f"the {c['Type']} certificate expired on {c['NotAfter']:%Y-%m-%d}"
        if c["NotAfter"] < horizon:
            return f"the {c['Type']} certificate expires on {c['NotAfter']:%Y-%m-%d}, within {days} days"
        return None

    def fix(c):
        if c["Type"] == "IMPORTED":
            return f"aws acm import-certificate --certificate-arn {c['CertificateArn']} with the renewed certificate"
        return (f"fix what blocks ACM's renewal (aws acm describe-certificate --certificate-arn {c['CertificateArn']} "
                "shows its RenewalSummary), or delete it if nothing uses it")

    judge_each(evidence, "certificates", [c for c in acm_certificates if c["Status"] in JUDGED_STATUSES],
               ("CertificateArn", "DomainName", "Type", "Status", "NotAfter", "InUse"), problem, fix)


@pytest.mark.control("acm-rsa-key-length")
def test_acm_rsa_key_length(acm_certificates, evidence):
    def problem(c):
        bits = RSA_BITS.match(c["KeyAlgorithm"])
        return f"its RSA key has {bits[1]} bits" if bits and int(bits[1]) < 2048 else None

    judge_each(evidence, "certificates", acm_certificates, ("CertificateArn", "DomainName", "KeyAlgorithm", "InUse"),
               problem, lambda c: "request or import a certificate with an RSA 2048 or EC key, move its users over, "
                                  f"then aws acm delete-certificate --certificate-arn {c['CertificateArn']}")
