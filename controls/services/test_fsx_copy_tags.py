"""FSx for OpenZFS file systems copy their tags to backups and volumes."""

import pytest

from controls.judging import judge_each


def missing_copies(file_system):
    # Both members default to false when not given at creation (CreateFileSystemOpenZFSConfiguration).
    zfs = file_system["OpenZFSConfiguration"]
    missing = [what for member, what in (("CopyTagsToBackups", "backups"), ("CopyTagsToVolumes", "volumes"))
               if not zfs.get(member)]
    return f"does not copy its tags to {' or '.join(missing)}" if missing else None


@pytest.mark.control("fsx-openzfs-copy-tags")
def test_fsx_openzfs_copy_tags(fsx_file_systems, evidence):
    openzfs = [f for f in fsx_file_systems if f["FileSystemType"] == "OPENZFS"]
    judge_each(evidence, "openzfs_file_systems", openzfs, ("ResourceARN", "FileSystemId", "OpenZFSConfiguration"),
               missing_copies,
               lambda f: (f"aws fsx update-file-system --file-system-id {f['FileSystemId']} "
                          "--open-zfs-configuration CopyTagsToBackups=true,CopyTagsToVolumes=true"))
