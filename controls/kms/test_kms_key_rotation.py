"""Customer-managed KMS keys are rotated within the baseline's period."""

import datetime

import pytest

from compliance.evidence import Finding
from compliance.inventory.kms import rotates_automatically_if_enabled


def not_judged(key):
    """Why a key is outside this control's verdict, or None if it is judged."""
    if key["KeyManager"] != "CUSTOMER":
        return "AWS-managed key (rotated by AWS)"
    if key["KeyState"] == "PendingDeletion":
        return f"pending deletion on {key.get('DeletionDate')}"
    if key["KeyState"] != "Enabled":
        return f"key state {key['KeyState']}"
    if key["KeySpec"] != "SYMMETRIC_DEFAULT" or key["KeyUsage"] != "ENCRYPT_DECRYPT":
        return f"{key['KeySpec']} {key['KeyUsage']} key (only symmetric encryption keys rotate)"
    return None


def automatic_rotation_finding(key, period_days):
    status = key["RotationStatus"]
    if not status.get("KeyRotationEnabled"):
        return Finding(
            key["Arn"],
            "automatic rotation is disabled",
            f"aws kms enable-key-rotation --key-id {key['Arn']} --rotation-period-in-days {period_days}",
        )
    period = status.get("RotationPeriodInDays")
    if period is None or period > period_days:
        return Finding(
            key["Arn"],
            f"rotates every {period} days, longer than the baseline's {period_days}",
            f"aws kms enable-key-rotation --key-id {key['Arn']} --rotation-period-in-days {period_days}",
        )
    return None


def manual_rotation_finding(key, period_days, manual_rotation, today):
    recorded = [manual_rotation[arn] for arn in [key["Arn"], *key["Aliases"]] if arn in manual_rotation]
    fix = (
        "rotate the key material manually and record the date under "
        "controls.kms-key-rotation.manual_rotation in the baseline"
    )
    if not recorded:
        return Finding(
            key["Arn"],
            f"origin {key['Origin']} cannot rotate automatically and no manual rotation is recorded",
            fix,
        )
    last = max(datetime.date.fromisoformat(date) for date in recorded)
    if (today - last).days > period_days:
        return Finding(
            key["Arn"],
            f"last rotated manually on {last}, {(today - last).days} days ago (period {period_days})",
            fix,
        )
    return None


@pytest.mark.control("kms-key-rotation")
def test_kms_key_rotation(kms_keys, params, today, evidence):
    period_days = params["rotation_period_days"]
    findings = []
    for key in kms_keys:
        if not_judged(key):
            continue
        if rotates_automatically_if_enabled(key):
            finding = automatic_rotation_finding(key, period_days)
        else:
            finding = manual_rotation_finding(key, period_days, params["manual_rotation"], today)
        if finding:
            findings.append(finding)
    evidence.record("keys", [
        {
            "Arn": key["Arn"],
            "Aliases": key["Aliases"],
            "KeyManager": key["KeyManager"],
            "KeyState": key["KeyState"],
            "KeySpec": key["KeySpec"],
            "KeyUsage": key["KeyUsage"],
            "Origin": key["Origin"],
            "RotationStatus": key.get("RotationStatus"),
            "NotJudged": not_judged(key),
        }
        for key in kms_keys
    ])
    evidence.verdict(findings)
