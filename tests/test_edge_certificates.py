"""The ACM certificate and Private CA controls, proven against moto."""

from compliance.demo.seed_edge_services import acm_certificate, certificate_authority, imported_certificate
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROLS = "controls/certificates"
JUDGED = {"acm-certificate-expiry", "acm-rsa-key-length", "private-ca-root-disabled"}


def test_sound_certificates_pass_and_weak_or_ending_ones_fail(seeder, audit_roles, regional_baseline, run_suite):
    acm_certificate(seeder, PROD, REGION)
    imported_certificate(seeder, PROD, REGION, "api.example.com", days_left=90, key_bits=4096)
    certificate_authority(seeder, PROD, REGION, "Root", "ROOT", "DISABLED")
    certificate_authority(seeder, PROD, REGION, "Issuing", "SUBORDINATE", "ACTIVE")
    ending = imported_certificate(seeder, DEV, REGION, "old.example.com", days_left=10)
    weak = imported_certificate(seeder, DEV, REGION, "weak.example.com", days_left=200, key_bits=1024)
    root = certificate_authority(seeder, DEV, REGION, "Root", "ROOT", "ACTIVE")
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert {c: r["outcome"] for c, r in suite.of_account(PROD).items()} == dict.fromkeys(JUDGED, "passed"), suite.output
    dev = {c: sorted((f["resource"], f["problem"].split(" on ")[0]) for f in r["findings"])
           for c, r in suite.of_account(DEV).items()}
    assert dev == {
        "acm-certificate-expiry": [(ending, "the IMPORTED certificate expires")],
        "acm-rsa-key-length": [(weak, "its RSA key has 1024 bits")],
        "private-ca-root-disabled": [(root, "the root CA is ACTIVE")],
    }


def test_the_baseline_sets_how_early_certificates_must_be_renewed(seeder, audit_roles, tmp_path, run_suite):
    imported_certificate(seeder, PROD, REGION, "api.example.com", days_left=45)
    baseline = write_baseline(tmp_path / "b.yaml", regions=[REGION],
                              controls={"acm-certificate-expiry": {"days_before_expiry": 60}})
    suite = run_suite(CONTROLS, "-k", "expiry", baseline=baseline)
    (finding,) = suite.of_account(PROD)["acm-certificate-expiry"]["findings"]
    assert finding["problem"].endswith("within 60 days")


def test_unreadable_certificates_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="acm", operation="ListCertificates",
                     account=PROD)
    local_aws.inject("AccessDeniedException", "not authorized", service="acm-pca",
                     operation="ListCertificateAuthorities", account=DEV)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    assert_unreadable(suite.of_account(PROD), {"acm-certificate-expiry", "acm-rsa-key-length"},
                      "acm:ListCertificates")
    assert_unreadable(suite.of_account(DEV), {"private-ca-root-disabled"}, "acm-pca:ListCertificateAuthorities")
