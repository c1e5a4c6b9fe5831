"""The CodeBuild controls (controls/devtools), proven against moto."""

from compliance.demo.seed_apps import codebuild_project, report_group
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/devtools/test_codebuild_projects.py"
CONTROLS = {"codebuild-source-url-no-credentials", "codebuild-environment-no-credentials",
            "codebuild-s3-logs-encrypted", "codebuild-logging", "codebuild-not-privileged",
            "codebuild-report-export-encrypted"}
PROJECTS = CONTROLS - {"codebuild-report-export-encrypted"}
OTHER_REGION = "us-east-1"
PASSWORD = "Test0Planted0App0Password"
TOKEN = "ghp_" + "Test0Planted0Token0For0The0Controls000"
SECRET_KEY = "Test0Planted0Secret0Access0Key000000000"
S3_LOGS = {"status": "ENABLED", "location": "build-logs/app"}


def test_clean_logged_projects_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline, run_suite):
    codebuild_project(seeder, PROD, REGION, "web", variables={"STAGE": "prod"})
    codebuild_project(seeder, PROD, REGION, "archive", logs={"cloudWatchLogs": {"status": "DISABLED"},
                                                             "s3Logs": S3_LOGS})
    report_group(seeder, PROD, REGION, "unit")
    report_group(seeder, DEV, REGION, "plain", encrypted=False)
    codebuild_project(seeder, DEV, REGION, "password-url", location=f"https://ci:{PASSWORD}@bitbucket.org/a/b.git")
    codebuild_project(seeder, DEV, REGION, "token-url", location=f"https://x-token-auth:{TOKEN}@bitbucket.org/a/b.git")
    codebuild_project(seeder, DEV, REGION, "key-variable", variables={"AWS_SECRET_ACCESS_KEY": SECRET_KEY})
    codebuild_project(seeder, DEV, REGION, "token-variable", variables={"DEPLOY": TOKEN, "STAGE": "dev"})
    codebuild_project(seeder, DEV, REGION, "plain-s3-logs",
                      logs={"cloudWatchLogs": {"status": "ENABLED"}, "s3Logs": {**S3_LOGS, "encryptionDisabled": True}})
    codebuild_project(seeder, DEV, REGION, "no-logs", logs={"cloudWatchLogs": {"status": "DISABLED"},
                                                            "s3Logs": {"status": "DISABLED"}})
    codebuild_project(seeder, DEV, REGION, "docker", privileged=True)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    arn = f"arn:aws:codebuild:{REGION}:{DEV}:project/"
    url = "source https://bitbucket.org/a/b.git"
    assert findings(dev) == {
        "codebuild-source-url-no-credentials": [
            (arn + "password-url", f"credentials stored in {url} (Basic Auth Credentials, User in URL)"),
            (arn + "token-url", f"credentials stored in {url} (Basic Auth Credentials, GitHub Token, User in URL)")],
        "codebuild-environment-no-credentials": [
            (arn + "key-variable",
             "credentials stored in environment variable AWS_SECRET_ACCESS_KEY (Secret Keyword, AWS access key variable)"),
            (arn + "token-variable", "credentials stored in environment variable DEPLOY (GitHub Token)")],
        "codebuild-s3-logs-encrypted": [(arn + "plain-s3-logs", "it writes its build logs to S3 unencrypted")],
        "codebuild-logging": [(arn + "no-logs", "it logs its builds neither to CloudWatch Logs nor to S3")],
        "codebuild-not-privileged": [(arn + "docker", "its build environment runs privileged")],
        "codebuild-report-export-encrypted": [(f"arn:aws:codebuild:{REGION}:{DEV}:report-group/plain",
                                               "it exports its reports to S3 unencrypted")]}
    text = suite.output + "".join(p.read_text() for p in suite.reports.iterdir() if p.is_file())
    for secret in (PASSWORD, TOKEN, SECRET_KEY):
        assert secret not in text


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in (REGION, OTHER_REGION):
            codebuild_project(seeder, account, region, "web")
            report_group(seeder, account, region, "unit")
    faults = {(PROD, REGION): ("ListProjects", PROJECTS), (DEV, REGION): ("BatchGetProjects", PROJECTS),
              (PROD, OTHER_REGION): ("ListReportGroups", {"codebuild-report-export-encrypted"}),
              (DEV, OTHER_REGION): ("BatchGetReportGroups", {"codebuild-report-export-encrypted"})}
    for (account, region), (operation, _) in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service="codebuild", operation=operation,
                         account=account, region=region)
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    for (account, region), (operation, controls) in faults.items():
        assert_unreadable(suite.by_control(f"{'prod' if account == PROD else 'dev'}-{account}-{region}"), controls,
                          f"codebuild:{operation}")


def test_moto_reports_the_default_logs_config_as_aws_does(local_aws, seeder):
    codebuild_project(seeder, PROD, REGION, "web")
    (project,) = seeder.client("codebuild", PROD, REGION).batch_get_projects(names=["web"])["projects"]
    assert project["logsConfig"] == {"cloudWatchLogs": {"status": "ENABLED"}, "s3Logs": {"status": "DISABLED"}}


def test_moto_keeps_report_groups_as_aws_does(local_aws, seeder):
    report_group(seeder, PROD, REGION, "unit", encrypted=False)
    codebuild = seeder.client("codebuild", PROD, REGION)
    (arn,) = codebuild.list_report_groups()["reportGroups"]
    (group,) = codebuild.batch_get_report_groups(reportGroupArns=[arn])["reportGroups"]
    assert group["exportConfig"]["s3Destination"]["encryptionDisabled"] is True
