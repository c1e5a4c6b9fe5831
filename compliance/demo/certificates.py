"""Self-signed CA certificates standing in for AWS's RDS certificate
authorities in the demo and the tests.

``python -m compliance.demo.certificates`` regenerates the committed
``rds-certificate-authorities.pem``.
"""

import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# The RDS CAs, with their real validity ends (AWS RDS documentation).
RDS_CAS = {
    "rds-ca-2019": datetime.datetime(2024, 8, 22, 17, 8, 50, tzinfo=datetime.timezone.utc),
    "rds-ca-rsa2048-g1": datetime.datetime(2061, 5, 23, 22, 34, 57, tzinfo=datetime.timezone.utc),
    "rds-ca-rsa4096-g1": datetime.datetime(2121, 5, 23, 22, 38, 35, tzinfo=datetime.timezone.utc),
    "rds-ca-ecc384-g1": datetime.datetime(2121, 5, 23, 22, 41, 22, tzinfo=datetime.timezone.utc),
}
ISSUED = datetime.datetime(2019, 8, 22, tzinfo=datetime.timezone.utc)


def make_ca(common_name, not_after, not_before=ISSUED):
    """A self-signed CA certificate (PEM bytes)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Demo stand-in for Amazon RDS"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


if __name__ == "__main__":
    sys.stdout.write("".join(make_ca(ca_id, until).decode() for ca_id, until in RDS_CAS.items()))
