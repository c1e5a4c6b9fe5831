"""The root user: no access keys; MFA, on hardware, whenever it has credentials."""

import pytest

from compliance.evidence import Finding, root_arn


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
    assert not findings, evidence.failure(findings)


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
    assert not findings, evidence.failure(findings)


@pytest.mark.control("root-hardware-mfa")
def test_root_hardware_mfa(root_credentials, account_target, partition, evidence):
    evidence.record("root", root_credentials)
    findings = mfa_findings(root_credentials, root_arn(partition, account_target.id), hardware=True)
    assert not findings, evidence.failure(findings)
