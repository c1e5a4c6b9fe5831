"""Evidence keeps what a verdict was decided on, without secrets."""

import datetime

from compliance.evidence import REDACTED, Evidence, redact


def test_secrets_are_redacted_and_settings_about_them_kept():
    data = {
        "Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "s"},
        "SessionToken": "t",
        "MasterUserPassword": "p",
        "PrivateKeyPem": "k",
        "SecretString": "x",
        "PasswordPolicy": {"MinimumPasswordLength": 14, "PasswordReusePrevention": 24, "AllowUsersToChangePassword": True},
        "Nested": [{"AuthToken": "a", "KeyId": "k-1"}],
    }
    assert redact(data) == {
        "Credentials": REDACTED,
        "SessionToken": REDACTED,
        "MasterUserPassword": REDACTED,
        "PrivateKeyPem": REDACTED,
        "SecretString": REDACTED,
        "PasswordPolicy": {"MinimumPasswordLength": 14, "PasswordReusePrevention": 24, "AllowUsersToChangePassword": True},
        "Nested": [{"AuthToken": REDACTED, "KeyId": "k-1"}],
    }


def test_recorded_evidence_is_plain_json():
    evidence = Evidence()
    evidence.record("key", {"CreationDate": datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc), "Blob": b"ab"})
    assert evidence.data == {"key": {"CreationDate": "2026-01-02T00:00:00+00:00", "Blob": "<2 bytes>"}}
