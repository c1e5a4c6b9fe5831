"""RDS databases use current CAs that applications trust, with headroom."""

import datetime

import pytest

from compliance.evidence import Finding


def _fix(instance, ca="rds-ca-rsa2048-g1"):
    return (f"add {ca} to the applications' CA bundle, then aws rds modify-db-instance --db-instance-identifier "
            f"{instance['DBInstanceIdentifier']} --ca-certificate-identifier {ca}")


def instance_problems(instance, authorities, bundle_thumbprints, params, deadline):
    ca_id = instance.get("CACertificateIdentifier")
    ca = authorities.get(ca_id)
    if ca_id in params["retired_cas"]:
        return [f"uses retired CA {ca_id}"]
    if ca is None:
        return [f"uses CA {ca_id}, which DescribeCertificates does not list"]
    problems = []
    valid_till = ca["ValidTill"]
    if valid_till < deadline:
        problems.append(f"its CA {ca_id} is valid only until {valid_till:%Y-%m-%d}, "
                        f"inside the {params['headroom_days']}-day headroom")
    if bundle_thumbprints is not None and ca["Thumbprint"].lower() not in bundle_thumbprints:
        problems.append(f"its CA {ca_id} (thumbprint {ca['Thumbprint']}) is not in the CA bundle the applications trust")
    return problems


def headroom_deadline(today, days):
    return datetime.datetime.combine(today, datetime.time(), datetime.timezone.utc) + datetime.timedelta(days=days)


@pytest.mark.control("rds-ca-certificates")
def test_rds_instance_ca_certificates(rds_databases, ca_bundle, params, today, evidence):
    deadline = headroom_deadline(today, params["headroom_days"])
    thumbprints = {c.sha1 for c in ca_bundle["certificates"]} if ca_bundle else None
    evidence.record("db_instances", [
        {key: db.get(key) for key in ("DBInstanceArn", "Engine", "DBClusterIdentifier", "CACertificateIdentifier",
                                      "CertificateDetails")}
        for db in rds_databases["instances"]
    ])
    evidence.record("certificate_authorities", rds_databases["authorities"])
    findings = [
        Finding(db["DBInstanceArn"], problem, _fix(db))
        for db in rds_databases["instances"]
        for problem in instance_problems(db, rds_databases["authorities"], thumbprints, params, deadline)
    ]
    evidence.verdict(findings)


@pytest.mark.control("rds-ca-certificates")
def test_rds_ca_bundle(ca_bundle, params, today, evidence):
    if ca_bundle is None:
        pytest.skip("no CA bundle to check: set controls.rds-ca-certificates.ca_bundle in the baseline")
    deadline = headroom_deadline(today, params["headroom_days"])
    evidence.record("bundle", {"location": ca_bundle["location"],
                               "certificates": [c.to_data() for c in ca_bundle["certificates"]]})
    findings = []
    for cert in ca_bundle["certificates"]:
        name = f"{ca_bundle['location']}: certificate {cert.subject} serial {cert.serial}"
        if cert.not_after < deadline:
            state = "expired" if cert.not_after.date() < today else f"inside the {params['headroom_days']}-day headroom"
            findings.append(Finding(name, f"not valid after {cert.not_after:%Y-%m-%d} ({state})",
                                    "replace it with the current certificate from the RDS certificate bundle"))
    evidence.verdict(findings)
