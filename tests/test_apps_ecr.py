"""The ECR repository controls (controls/containers), proven against moto."""


from compliance.demo.seed_apps import ecr_repository
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/containers/test_ecr_repositories.py"
CONTROLS = {"ecr-image-scanning", "ecr-tag-immutability", "ecr-lifecycle-policy"}
OTHER_REGION = "us-east-1"


def test_scanned_immutable_expiring_repositories_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline,
                                                                          run_suite):
    ecr_repository(seeder, PROD, REGION, "legacy")  # scanned on push through its own setting
    seeder.client("ecr", PROD, REGION).put_registry_scanning_configuration(scanType="ENHANCED", rules=[
        {"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "web*", "filterType": "WILDCARD"}]}])
    ecr_repository(seeder, PROD, REGION, "web-app", scan_on_push=False)  # scanned by the registry's rule
    ecr_repository(seeder, DEV, REGION, "unscanned", scan_on_push=False)
    ecr_repository(seeder, DEV, REGION, "mutable", immutable=False)
    ecr_repository(seeder, DEV, REGION, "kept-forever", lifecycle=False)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    arn = f"arn:aws:ecr:{REGION}:{DEV}:repository/"
    assert findings(dev) == {
        "ecr-image-scanning": [(arn + "unscanned",
                                "its images are not scanned on push or continuously (scan frequency MANUAL)")],
        "ecr-tag-immutability": [(arn + "mutable",
                                  "its image tags are MUTABLE, so a pushed image can replace a tagged one")],
        "ecr-lifecycle-policy": [(arn + "kept-forever", "the repository has no lifecycle policy")]}
    assert "--image-tag-mutability IMMUTABLE" in dev["ecr-tag-immutability"]["findings"][0]["fix"]


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        ecr_repository(seeder, account, REGION, "web")
    local_aws.inject("AccessDeniedException", "not authorized", service="ecr", operation="DescribeRepositories",
                     account=PROD, region=OTHER_REGION)
    local_aws.inject("AccessDeniedException", "not authorized", service="ecr",
                     operation="BatchGetRepositoryScanningConfiguration", account=PROD, region=REGION)
    local_aws.inject("AccessDeniedException", "not authorized", service="ecr", operation="GetLifecyclePolicy",
                     account=DEV, region=REGION)
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{OTHER_REGION}"), CONTROLS, "ecr:DescribeRepositories")
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), {"ecr-image-scanning"},
                      "ecr:BatchGetRepositoryScanningConfiguration")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), {"ecr-lifecycle-policy"}, "ecr:GetLifecyclePolicy")
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{OTHER_REGION}").values()} == {"passed"}


def test_moto_reports_scan_on_push_as_aws_does(local_aws, seeder):
    ecr_repository(seeder, PROD, REGION, "pushed")
    ecr_repository(seeder, PROD, REGION, "manual", scan_on_push=False)
    ecr = seeder.client("ecr", PROD, REGION)
    found = ecr.batch_get_repository_scanning_configuration(repositoryNames=["pushed", "manual"])
    assert {c["repositoryName"]: c["scanOnPush"] for c in found["scanningConfigurations"]} == {
        "pushed": True, "manual": False}
