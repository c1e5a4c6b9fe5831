"""EFS file systems are encrypted at rest."""

import pytest

from compliance.evidence import Finding


@pytest.mark.control("efs-encrypted")
def test_efs_encrypted(efs_file_systems, evidence):
    evidence.record("file_systems", [{k: f.get(k) for k in ("FileSystemArn", "Name", "Encrypted", "KmsKeyId")}
                                     for f in efs_file_systems])
    findings = [
        Finding(f["FileSystemArn"], "the file system is not encrypted at rest",
                "create an encrypted file system (aws efs create-file-system --encrypted) and move the data "
                "with AWS DataSync; encryption cannot be turned on for an existing one")
        for f in efs_file_systems if not f.get("Encrypted")
    ]
    evidence.verdict(findings)
