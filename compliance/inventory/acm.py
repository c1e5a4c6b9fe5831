"""AWS Certificate Manager (ACM) certificates."""

import functools

import botocore.session


@functools.cache
def key_types():
    """Every key algorithm ACM knows: ListCertificates lists only RSA_2048
    certificates unless told which key types to include."""
    return botocore.session.get_session().get_service_model("acm").shape_for("KeyAlgorithm").enum


def certificates(api, region):
    """The region's ACM certificates of every key type and status, summarized
    (Type, Status, KeyAlgorithm, NotAfter...)."""
    answer = api.read("acm", "ListCertificates", region, Includes={"keyTypes": list(key_types())})
    return sorted(answer["CertificateSummaryList"], key=lambda c: c["CertificateArn"])
