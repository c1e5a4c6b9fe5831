"""The centralized root access control, proven against moto (patched with IAM's Organizations features)."""


from tests.conftest import MANAGEMENT

CONTROL = "controls/organization/test_centralized_root_access.py"




def test_both_features_pass(seeder, organization, home_region_baseline, run_suite):
    seeder.client("organizations", MANAGEMENT).enable_aws_service_access(ServicePrincipal="iam.amazonaws.com")
    iam = seeder.client("iam", MANAGEMENT)
    iam.enable_organizations_root_credentials_management()
    iam.enable_organizations_root_sessions()
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "passed", suite.output


def test_missing_features_and_trusted_access_fail(seeder, organization, home_region_baseline, run_suite):
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"] for f in suite.only()["findings"]] == [
        "IAM's trusted access in AWS Organizations is off, so root access cannot be managed centrally"]
    seeder.client("organizations", MANAGEMENT).enable_aws_service_access(ServicePrincipal="iam.amazonaws.com")
    seeder.client("iam", MANAGEMENT).enable_organizations_root_sessions()
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert [f["problem"] for f in suite.only()["findings"]] == [
        "centralized root access feature RootCredentialsManagement is not enabled"]


def test_unreadable_features_error(seeder, organization, home_region_baseline, run_suite, local_aws):
    local_aws.inject("AccessDenied", "not authorized", service="iam", operation="ListOrganizationsFeatures",
                     account=MANAGEMENT)
    suite = run_suite(CONTROL, baseline=home_region_baseline)
    assert suite.only()["outcome"] == "error"
