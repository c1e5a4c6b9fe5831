"""EFS access points confine their clients to a directory and a POSIX identity."""

import pytest

from controls.judging import judge_each

ACCESS_POINT_KEYS = ("AccessPointArn", "AccessPointId", "FileSystemId", "RootDirectory", "PosixUser")
RECREATE = ("an access point cannot be changed: create one (aws efs create-access-point --file-system-id {fs} "
            "--root-directory Path=/<directory>,CreationInfo={{OwnerUid=<uid>,OwnerGid=<gid>,Permissions=750}} "
            "--posix-user Uid=<uid>,Gid=<gid>), move the clients to it, then delete {id}")


def recreate(access_point):
    return RECREATE.format(fs=access_point["FileSystemId"], id=access_point["AccessPointId"])


@pytest.mark.control("efs-access-point-root-directory")
def test_efs_access_point_root_directory(efs_access_points, evidence):
    # Without a RootDirectory, or with Path "/", the access point exposes the whole file system.
    judge_each(evidence, "access_points", efs_access_points, ACCESS_POINT_KEYS,
               lambda a: None if (a.get("RootDirectory") or {}).get("Path", "/") != "/" else
               "the access point exposes the file system's root directory (/)", recreate)


@pytest.mark.control("efs-access-point-user-identity")
def test_efs_access_point_user_identity(efs_access_points, evidence):
    # Without a PosixUser, clients act under the user and group IDs they claim.
    judge_each(evidence, "access_points", efs_access_points, ACCESS_POINT_KEYS,
               lambda a: None if a.get("PosixUser") else "the access point does not enforce a POSIX user identity",
               recreate)
