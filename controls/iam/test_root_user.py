"""The root user: no access keys; MFA, on hardware, whenever it has credentials."""

import pytest

from compliance.evidence import Finding, root_arn
from controls.iam.credential_report import ROOT_USE_FIELDS, days_since, root


def has_credentials(summary):
    """False only when AWS reports no password, key or certificate (removed under centralized root access)."""
    return any(summary.get(key, 1) for key in
               ("AccountPasswordPresent", "AccountAccessKeysPresent", "AccountSigningCertificatesPresent"))


@pytest.mark.control("root-no-access-keys")
def test_root_no_access_keys(root_credentials, account_target, partition, evidence):
    evidence.record("root", root_credentials)
    findings = [Finding(root_arn(partition, account_target.id), "the root user has an access key",
                        "delete the root user's access keys")] if root_credentials["Summary"].get(
        "AccountAccessKeysPresent") else []
    evidence.verdict(findings)


def mfa_findings(root, account, hardware):
    summary = root["Summary"]
    if not has_credentials(summary):
        return []
    if not summary.get("AccountMFAEnabled"):
        return [Finding(account, "the root user has credentials and no MFA", "register an MFA device for the root user")]
    if hardware and root["VirtualMFADevices"]:
        return [Finding(account, f"the root user's MFA is virtual ({root['VirtualMFADevices'][0]['SerialNumber']})",
                        "register a hardware MFA device for the root user and deactivate the virtual one")]
    return []


@pytest.mark.control("root-mfa")
def test_root_mfa(root_credentials, account_target, partition, evidence):
    evidence.record("root", root_credentials)
    findings = mfa_findings(root_credentials, root_arn(partition, account_target.id), hardware=False)
    evidence.verdict(findings)


@pytest.mark.control("root-hardware-mfa")
def test_root_hardware_mfa(root_credentials, account_target, partition, evidence):
    evidence.record("root", root_credentials)
    findings = mfa_findings(root_credentials, root_arn(partition, account_target.id), hardware=True)
    evidence.verdict(findings)


@pytest.mark.control("root-not-used")
def test_root_not_used(credential_report, params, today, evidence):
    row = root(credential_report)
    evidence.record("root", row)
    uses = [(field, row[field], days) for field in ROOT_USE_FIELDS
            if (days := days_since(row[field], today)) is not None and days <= params["recent_days"]]
    findings = [Finding(row["arn"], f"the root user was used {days} days ago ({field} {when})",
                        "confirm it was a task only the root user can do; otherwise use an IAM Identity Center "
                        "or IAM role, and waive this finding until the window passes")
                for field, when, days in uses]
    evidence.verdict(findings)
