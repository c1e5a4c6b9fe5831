"""Evidence: the data each verdict was decided on, and the findings it gave.

Controls record what they looked at and call ``failure`` with their findings
to get the assertion message; the reporting layer attaches all of it to the
test's report, redacted of secrets.
"""

import datetime
import json
import re
from dataclasses import asdict, dataclass

import pytest

from compliance.waivers import Applicable

# Keys whose values are secrets (AWS names them this way: SecretAccessKey,
# SessionToken, MasterUserPassword, PrivateKey, SecretString, Credentials...).
# Settings *about* secrets (MinimumPasswordLength) are evidence and are kept.
_SECRET_KEYS = re.compile(r"^(\w*(Secret|SecretString|SecretBinary|SecretAccessKey|SessionToken|Password|Passphrase)"
                          r"|PrivateKey\w*|Credentials|AuthToken)$", re.IGNORECASE)
REDACTED = "<redacted>"


@dataclass(frozen=True)
class Finding:
    """One non-compliant resource: what is wrong and how to fix it."""

    resource: str
    problem: str
    fix: str


def root_arn(partition, account_id):
    """The ARN naming a whole account, for account-wide settings."""
    return f"arn:{partition}:iam::{account_id}:root"


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    raise TypeError(f"cannot keep {type(value).__name__} as evidence")


def _is_secret(key, value):
    """Secrets are text (or a credentials structure); a flag or a number
    under a secret-sounding key (AllowUsersToChangePassword) is a setting."""
    return bool(_SECRET_KEYS.search(key)) and not isinstance(value, (bool, int, float))


def redact(value):
    """A copy of ``value`` with the values of secret-looking keys replaced."""
    if isinstance(value, dict):
        return {k: REDACTED if _is_secret(k, v) else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class Evidence:
    KEY = pytest.StashKey()

    def __init__(self, waivers=None, account_id=None):
        self.data = {}
        self.findings = []
        self.waived = []
        self.waivers = waivers or Applicable([], [])
        self.account_id = account_id

    def record(self, name, value):
        """Keep ``value`` (plain API data) as evidence under ``name``."""
        self.data[name] = json.loads(json.dumps(redact(value), default=_plain))

    def verdict(self, findings):
        """Pass with no findings; otherwise fail with ``failure``'s message,
        and without a traceback: it would show this line and a repr of the
        findings, nothing about the estate that the message does not say."""
        if findings:
            pytest.fail(self.failure(findings), pytrace=False)

    def failure(self, findings):
        """Record the findings and return the message naming each one that no
        waiver covers. When waivers cover them all, the test is an expected
        failure (xfail) that names each waiver."""
        self.findings = list(findings)
        self.waived = [(f, w) for f in self.findings if (w := self.waivers.waiver_for(f))]
        waived = {id(f) for f, _ in self.waived}
        unwaived = [f for f in self.findings if id(f) not in waived]
        if not unwaived:
            pytest.xfail("; ".join(dict.fromkeys(w.describe() for _, w in self.waived)))
        lines = [f"{len(unwaived)} non-compliant resource(s):"]
        for finding in unwaived:
            expired = self.waivers.expired_for(finding)
            note = f" (waiver {expired.id} expired on {expired.expires})" if expired else ""
            lines.append(f"- {finding.resource}: {finding.problem}{note}. Fix: {finding.fix}")
        if self.waived:
            lines.append(f"and {len(self.waived)} waived: " + ", ".join(f"{f.resource} ({w.id})" for f, w in self.waived))
        return "\n".join(lines)

    def unneeded_waivers(self):
        """Waivers written for this target that had nothing to waive."""
        used = {w.id for _, w in self.waived}
        return [w for w in self.waivers.active if w.names_target(self.account_id) and w.id not in used]

    def to_data(self):
        """What the report carries. The evidence goes as JSON text: the
        controller holds every result until the run ends, and text takes a
        fraction of the memory of the parsed structure."""
        return {
            "evidence_json": json.dumps(self.data, sort_keys=True),
            "findings": [asdict(f) for f in self.findings],
            "waived": [{"resource": f.resource, "waiver": w.id} for f, w in self.waived],
            "expired_waivers": sorted({w.id for f in self.findings if (w := self.waivers.expired_for(f))}),
        }
