"""EFS file systems are encrypted at rest."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("efs-encrypted")
def test_efs_encrypted(efs_file_systems, evidence):
    judge_each(evidence, "file_systems", efs_file_systems, ("FileSystemArn", "Name", "Encrypted", "KmsKeyId"),
               lambda f: None if f.get("Encrypted") else "the file system is not encrypted at rest",
               lambda f: "create an encrypted file system (aws efs create-file-system --encrypted) and move the "
                         "data with AWS DataSync; encryption cannot be turned on for an existing one")
