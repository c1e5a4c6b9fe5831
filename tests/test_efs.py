"""The EFS encryption control, proven against moto."""


from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/efs/test_efs_encryption.py"



def test_encrypted_file_systems_pass_and_plain_ones_fail(seeder, audit_roles, regional_baseline, run_suite):
    seeder.client("efs", PROD, REGION).create_file_system(CreationToken="shared", Encrypted=True)
    efs = seeder.client("efs", DEV, REGION)
    efs.create_file_system(CreationToken="encrypted", Encrypted=True)
    plain = efs.create_file_system(CreationToken="plain")["FileSystemArn"]
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", suite.output
    dev = suite.result(f"dev-{DEV}-{REGION}")
    assert [(f["resource"], f["problem"]) for f in dev["findings"]] == [
        (plain, "the file system is not encrypted at rest")]


def test_unreadable_file_systems_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("AccessDeniedException", "not authorized", service="elasticfilesystem",
                     operation="DescribeFileSystems", account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.result(f"prod-{PROD}-{REGION}")
    assert prod["outcome"] == "error" and "could not read efs:DescribeFileSystems" in prod["message"]
    assert suite.result(f"dev-{DEV}-{REGION}")["outcome"] == "passed"
