"""The EFS access point controls, proven against moto."""

from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROL = "controls/efs/test_efs_access_points.py"
CONTROLS = {"efs-access-point-root-directory", "efs-access-point-user-identity"}
CONFINED = {"PosixUser": {"Uid": 1001, "Gid": 1001}, "RootDirectory": {"Path": "/app"}}


def access_point(seeder, account, token, **settings):
    efs = seeder.client("efs", account, REGION)
    file_system = efs.create_file_system(CreationToken=token, Encrypted=True)["FileSystemId"]
    return efs.create_access_point(FileSystemId=file_system, ClientToken=token, **settings)["AccessPointArn"]


def test_confined_access_points_pass_and_open_ones_fail(seeder, audit_roles, regional_baseline, run_suite):
    access_point(seeder, PROD, "app", **CONFINED)
    bare = access_point(seeder, DEV, "bare")
    at_root = access_point(seeder, DEV, "root", PosixUser={"Uid": 1, "Gid": 1}, RootDirectory={"Path": "/"})
    no_user = access_point(seeder, DEV, "anyone", RootDirectory={"Path": "/shared"})

    suite = run_suite(CONTROL, baseline=regional_baseline)

    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    root = "the access point exposes the file system's root directory (/)"
    assert sorted((f["resource"], f["problem"]) for f in dev["efs-access-point-root-directory"]["findings"]) == sorted(
        [(bare, root), (at_root, root)])
    identity = "the access point does not enforce a POSIX user identity"
    assert sorted((f["resource"], f["problem"]) for f in dev["efs-access-point-user-identity"]["findings"]) == sorted(
        [(bare, identity), (no_user, identity)])


def test_unreadable_access_points_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="elasticfilesystem",
                     operation="DescribeAccessPoints", account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), CONTROLS, "efs:DescribeAccessPoints")
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{REGION}").values()} == {"passed"}
