"""The RDS CA certificate control, proven both ways against moto."""

import datetime

import pytest

from compliance.certificates import parse_bundle
from compliance.demo import moto_patches
from compliance.demo.certificates import make_ca
from compliance.demo.organization import create_database
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/rds/test_rds_ca_certificates.py"
NOW = datetime.datetime.now(datetime.timezone.utc)


@pytest.fixture
def authorities(monkeypatch):
    """RDS offers four CAs: long-lived, expiring in 30 days, retired, and one
    applications do not trust. Returns their PEMs by identifier."""
    pems = {
        "ca-long": make_ca("ca-long", NOW + datetime.timedelta(days=3650)),
        "ca-soon": make_ca("ca-soon", NOW + datetime.timedelta(days=30)),
        "rds-ca-2019": make_ca("rds-ca-2019", NOW - datetime.timedelta(days=800)),
        "ca-untrusted": make_ca("ca-untrusted", NOW + datetime.timedelta(days=3650)),
    }
    catalog = []
    for ca_id, pem in pems.items():
        (cert,) = parse_bundle(pem, ca_id)
        catalog.append({"CertificateIdentifier": ca_id, "CertificateType": "CA", "Thumbprint": cert.sha1,
                        "ValidFrom": cert.not_before, "ValidTill": cert.not_after, "CustomerOverride": False})
    monkeypatch.setattr(moto_patches, "RDS_CERTIFICATE_AUTHORITIES", catalog)
    return pems


def bundle_baseline(tmp_path, pems, **params):
    (tmp_path / "trust.pem").write_bytes(b"".join(pems))
    return write_baseline(tmp_path / "b.yaml", regions=["eu-west-1", "us-east-1"],
                          controls={"rds-ca-certificates": {"ca_bundle": "trust.pem", **params}})


def test_compliant_instances_and_bundle_pass(seeder, audit_roles, authorities, tmp_path, run_suite):
    create_database(seeder, PROD, "eu-west-1", "orders", "ca-long")
    seeder.client("rds", PROD, "us-east-1").create_db_cluster(
        DBClusterIdentifier="ledger", Engine="aurora-postgresql", MasterUsername="admin", MasterUserPassword="password-1")
    create_database(seeder, PROD, "us-east-1", "ledger-1", "ca-long", "aurora-postgresql", "ledger")

    suite = run_suite(CONTROL, baseline=bundle_baseline(tmp_path, [authorities["ca-long"]]))

    assert suite.returncode == 0, suite.output
    aurora = suite.result(f"prod-{PROD}-us-east-1")["evidence"]["db_instances"][0]
    assert aurora["DBClusterIdentifier"] == "ledger" and aurora["CertificateDetails"]["CAIdentifier"] == "ca-long"
    bundle = next(r for r in suite.results["results"] if "test_rds_ca_bundle" in r["nodeid"])
    assert bundle["evidence"]["bundle"]["certificates"][0]["subject"].startswith("CN=ca-long")


def test_each_instance_violation_fails(seeder, audit_roles, authorities, tmp_path, run_suite):
    create_database(seeder, DEV, "eu-west-1", "retired", "rds-ca-2019")
    create_database(seeder, DEV, "eu-west-1", "expiring", "ca-soon")
    create_database(seeder, DEV, "eu-west-1", "untrusted", "ca-untrusted")
    create_database(seeder, DEV, "eu-west-1", "fine", "ca-long")
    baseline = bundle_baseline(tmp_path, [authorities["ca-long"], authorities["ca-soon"]], headroom_days=90)

    suite = run_suite(CONTROL, baseline=baseline)

    findings = {f["resource"].rsplit(":", 1)[1]: f["problem"] for f in suite.result(f"dev-{DEV}-eu-west-1")["findings"]}
    soon = (NOW + datetime.timedelta(days=30)).strftime("%Y-%m-%d")
    assert findings.keys() == {"retired", "expiring", "untrusted"}
    assert findings["retired"] == "uses retired CA rds-ca-2019"
    assert findings["expiring"] == f"its CA ca-soon is valid only until {soon}, inside the 90-day headroom"
    assert findings["untrusted"].startswith("its CA ca-untrusted (thumbprint ")
    assert findings["untrusted"].endswith(") is not in the CA bundle the applications trust")


def test_each_bundle_certificate_is_judged(seeder, audit_roles, authorities, tmp_path, run_suite):
    suite = run_suite(CONTROL, baseline=bundle_baseline(
        tmp_path, [authorities["ca-long"], authorities["ca-soon"], authorities["rds-ca-2019"]]))

    bundle = next(r for r in suite.results["results"] if "test_rds_ca_bundle" in r["nodeid"])
    assert bundle["outcome"] == "failed"
    problems = sorted(f["problem"].split(" (")[1] for f in bundle["findings"])
    assert problems == ["expired)", "inside the 90-day headroom)"]
    assert all("serial" in f["resource"] and "trust.pem: certificate CN=" in f["resource"] for f in bundle["findings"])


def test_without_a_bundle_the_bundle_check_is_skipped_with_the_reason(seeder, audit_roles, authorities, tmp_path,
                                                                      run_suite):
    create_database(seeder, PROD, "eu-west-1", "orders", "ca-long")
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "b.yaml", regions=["eu-west-1"]))
    bundle = next(r for r in suite.results["results"] if "test_rds_ca_bundle" in r["nodeid"])
    assert bundle["outcome"] == "skipped"
    assert "set controls.rds-ca-certificates.ca_bundle in the baseline" in bundle["message"]
    assert suite.result(f"prod-{PROD}-eu-west-1")["outcome"] == "passed"


def test_unreadable_bundle_errors(seeder, audit_roles, authorities, tmp_path, run_suite):
    (tmp_path / "trust.pem").write_text("not a certificate")
    baseline = write_baseline(tmp_path / "b.yaml", regions=["eu-west-1"],
                              controls={"rds-ca-certificates": {"ca_bundle": "trust.pem"}})
    suite = run_suite(CONTROL, baseline=baseline)
    bundle = next(r for r in suite.results["results"] if "test_rds_ca_bundle" in r["nodeid"])
    assert bundle["outcome"] == "error"
    assert "trust.pem: not a PEM certificate bundle" in bundle["message"]


@pytest.mark.parametrize("operation", ["DescribeDBInstances", "DescribeCertificates"])
def test_unreadable_api_errors(operation, seeder, audit_roles, authorities, tmp_path, run_suite, local_aws):
    create_database(seeder, PROD, "eu-west-1", "orders", "ca-long")
    local_aws.inject("AccessDenied", "denied", service="rds", operation=operation, account=PROD, region="eu-west-1")
    suite = run_suite(CONTROL, baseline=bundle_baseline(tmp_path, [authorities["ca-long"]]))
    result = suite.result(f"prod-{PROD}-eu-west-1")
    assert result["outcome"] == "error"
    assert f"could not read rds:{operation} in account {PROD} region eu-west-1: AccessDenied" in result["message"]
