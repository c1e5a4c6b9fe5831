"""Credentials in free-form text, found by Yelp's detect-secrets.

Only detectors that recognise a credential by its form or by an assignment to
a secret-sounding name are used (AWS keys, private keys, Stripe, GitHub,
Slack and other token formats, passwords in URLs, ``password = "..."``): the
high-entropy detectors flag checksums, IDs and every random-looking name, too
many false findings for a compliance verdict. Each finding is where (the line)
and what kind (the detector's type), never the secret itself.

Text is scanned with the pipeline detect-secrets' own ``scan_file`` runs
(``_process_line_based_plugins``: every detector, then its false-positive
filters), on lines in memory so that no value is ever written to disk; its
public ``scan_line`` is meant for ad-hoc use and reports every candidate
string, unfiltered. requirements.txt pins the version this was written for.
"""

import base64
import binascii
import gzip
import logging
import zlib

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.core.scan import _process_line_based_plugins
from detect_secrets.settings import get_settings

_NOISY = {"Base64HighEntropyString", "HexHighEntropyString", "IPPublicDetector"}
# detect-secrets chooses its keyword rules by the file name's extension; a name
# without one asks for the strict rules (the value must be quoted).
_SOURCE_NAME = "aws-customer-data"

# Its filters log each candidate they set aside, value included: never let that
# reach a run's output, whatever log level the run asks for.
logging.getLogger("detect-secrets").disabled = True
get_settings().configure_plugins([{"name": plugin.__name__}
                                  for plugin in get_mapping_from_secret_type_to_class().values()
                                  if plugin.__name__ not in _NOISY])


def credentials(text):
    """``[{"Line": n, "Type": detector type}]`` for each credential in ``text``,
    one per line and kind, in line order."""
    lines = list(enumerate(text.splitlines(), start=1))
    found = {(secret.line_number, secret.type) for secret in _process_line_based_plugins(lines, _SOURCE_NAME)}
    return [{"Line": line, "Type": kind} for line, kind in sorted(found)]


def digest(value, name=None):
    """What is kept of a free-form value: its length and the credentials in it.
    A named value (an environment variable) is scanned as ``NAME="value"``,
    so that the keyword detectors see its name (``DB_PASSWORD``) too."""
    return {"Length": len(value), "Detections": credentials(value if name is None else f'{name}="{value}"')}


def user_data_text(encoded):
    """EC2 user data as the instance reads it: base64-decoded and, when
    compressed (cloud-init accepts gzip), decompressed; undecodable bytes are
    replaced, not dropped."""
    try:
        data = base64.b64decode(encoded, validate=False)
    except (binascii.Error, ValueError):
        return encoded
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            pass
    return data.decode("utf-8", errors="replace")
