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

_SECRET_KEYS = re.compile(r"(secret|password|token|privatekey|credentials)", re.IGNORECASE)
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


def redact(value):
    """A copy of ``value`` with the values of secret-looking keys replaced."""
    if isinstance(value, dict):
        return {k: REDACTED if _SECRET_KEYS.search(k) else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class Evidence:
    KEY = pytest.StashKey()

    def __init__(self):
        self.data = {}
        self.findings = []

    def record(self, name, value):
        """Keep ``value`` (plain API data) as evidence under ``name``."""
        self.data[name] = json.loads(json.dumps(redact(value), default=_plain))

    def failure(self, findings):
        """Record the findings and return the message naming each one."""
        self.findings = list(findings)
        lines = [f"{len(self.findings)} non-compliant resource(s):"]
        lines += [f"- {f.resource}: {f.problem}. Fix: {f.fix}" for f in self.findings]
        return "\n".join(lines)

    def to_data(self):
        return {"evidence": self.data, "findings": [asdict(f) for f in self.findings]}
