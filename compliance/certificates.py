"""X.509 certificate bundles (PEM): read from a path or URL and described the
way an auditor reads them."""

import datetime
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes


class BundleUnreadable(Exception):
    """The CA bundle could not be read or parsed; controls that need it error."""


@dataclass(frozen=True)
class Certificate:
    subject: str
    serial: str
    not_before: datetime.datetime
    not_after: datetime.datetime
    sha1: str  # hex thumbprint, as RDS DescribeCertificates reports it

    def to_data(self):
        return {
            "subject": self.subject,
            "serial": self.serial,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "sha1": self.sha1,
        }


def describe(cert):
    return Certificate(
        subject=cert.subject.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        sha1=cert.fingerprint(hashes.SHA1()).hex(),  # noqa: S303 (a thumbprint, not a signature)
    )


def parse_bundle(data, origin):
    """Every certificate of a PEM bundle, in file order."""
    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError as error:
        raise BundleUnreadable(f"{origin}: not a PEM certificate bundle ({error})") from None
    return [describe(cert) for cert in certs]


def read_bundle(location, base_dir):
    """The bytes of a bundle at an https/http/file URL, or a path relative to ``base_dir``."""
    scheme = urllib.parse.urlparse(location).scheme
    try:
        if scheme in ("http", "https", "file"):
            with urllib.request.urlopen(location, timeout=30) as response:  # noqa: S310 (scheme checked)
                return response.read()
        return (Path(base_dir) / location).read_bytes()
    except OSError as error:
        raise BundleUnreadable(f"cannot read the CA bundle {location}: {error}") from None
