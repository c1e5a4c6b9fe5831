"""The credential controls (controls/secrets), proven against moto: clean
places pass, a credential in each place fails naming where and what kind,
and each API they read errors when it cannot be read."""

import base64
import gzip

import pytest

from compliance.demo.organization import create_function, launch
from compliance.demo.stored_values import (
    encoded_user_data,
    launch_configuration,
    launch_template,
    stack,
    task_definition,
)
from compliance.secret_scan import user_data_text
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/secrets/test_stored_credentials.py"
CONTROLS = {"ec2-user-data-no-credentials", "ec2-launch-template-no-credentials",
            "autoscaling-launch-configuration-no-credentials", "lambda-environment-no-credentials",
            "ecs-task-definition-no-credentials", "cloudformation-stack-no-credentials"}
AWS_KEY_ID = "AKIA" + "TESTPLANTED0KEY0"
STRIPE_KEY = "sk_live_" + "Test0Planted0Stripe0Key0"
GITHUB_TOKEN = "ghp_" + "Test0Planted0Token0For0The0Controls000"
DB_URL = "postgres://app:" + "Test0Planted0Password" + "@db.example.com/app"
SCRIPT = "#!/bin/bash\nyum install -y nginx\n"


def seed_clean(seeder, account):
    """Every place used, none holding a credential (a NoEcho password is masked by AWS)."""
    launch(seeder, account, REGION, UserData=SCRIPT)
    launch(seeder, account, REGION)  # no user data at all
    launch_template(seeder, account, REGION, "web", encoded_user_data(SCRIPT, compress=True))
    seeder.client("ec2", account, REGION).create_launch_template(LaunchTemplateName="bare",
                                                                  LaunchTemplateData={"InstanceType": "t3.micro"})
    launch_configuration(seeder, account, REGION, "web-legacy", SCRIPT)
    create_function(seeder, account, REGION, "orders", Environment={"Variables": {"TABLE": "orders"}})
    create_function(seeder, account, REGION, "plain")
    task_definition(seeder, account, REGION, "web", {"PORT": "8080"})
    stack(seeder, account, REGION, "db", {"DbPassword": "Test0Hidden0Password"}, no_echo={"DbPassword"},
          outputs={"Endpoint": "db.example.com"})


def test_places_without_credentials_pass_and_keep_no_values(seeder, audit_roles, regional_baseline, run_suite):
    seed_clean(seeder, PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in results.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    (function,) = [r for r in results["lambda-environment-no-credentials"]["evidence"]["scanned"] if r["Values"]]
    assert function["Values"] == [{"Where": "environment variable TABLE", "Length": len("orders"),
                                   "Detections": []}]
    (template,) = [r for r in results["ec2-launch-template-no-credentials"]["evidence"]["scanned"] if r["Values"]]
    assert template["Values"][0]["Where"] == "version 1 user data"
    assert "Test0Hidden0Password" not in suite.output + (suite.reports / "results.json").read_text()


def problems(result):
    """(the resource's name, its problem) of each finding: the ARN's last part."""
    return [(f["resource"].rsplit("/", 1)[-1] if "/" in f["resource"] else f["resource"].rsplit(":", 1)[-1],
             f["problem"]) for f in result["findings"]]


def test_a_credential_in_each_place_fails(seeder, audit_roles, regional_baseline, run_suite):
    seed_clean(seeder, PROD)
    (instance,) = launch(seeder, DEV, REGION, UserData=gzip.compress(
        f"#!/bin/bash\n# settings\naws configure set aws_access_key_id {AWS_KEY_ID}\n".encode()))
    launch_template(seeder, DEV, REGION, "agents", encoded_user_data(f"#!/bin/bash\necho {GITHUB_TOKEN}\n"))
    ec2 = seeder.client("ec2", DEV, REGION)
    ec2.create_launch_template_version(LaunchTemplateName="agents", SourceVersion="1",
                                       LaunchTemplateData={"UserData": encoded_user_data(SCRIPT)})
    launch_configuration(seeder, DEV, REGION, "batch", f'#!/bin/bash\nexport DB_PASSWORD="{STRIPE_KEY[8:]}"\n')
    create_function(seeder, DEV, REGION, "mailer", Environment={"Variables": {"CONFIG": DB_URL, "TABLE": "orders"}})
    task_definition(seeder, DEV, REGION, "pay", {"OPTIONS": STRIPE_KEY})
    task_definition(seeder, DEV, REGION, "worker", {"TOKEN": GITHUB_TOKEN})
    task_definition(seeder, DEV, REGION, "worker", {"PORT": "8080"})  # only the latest revision is judged
    stack(seeder, DEV, REGION, "reports", {"DbPassword": "Test0Plain0Password"}, outputs={"Url": DB_URL})

    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {c: r["outcome"] for c, r in results.items()} == dict.fromkeys(CONTROLS, "failed"), suite.output
    found = {c: problems(r) for c, r in results.items()}
    assert found["ec2-user-data-no-credentials"] == [
        (instance, "credentials stored in user data line 3 (AWS Access Key)")]
    ((template, problem),) = found["ec2-launch-template-no-credentials"]
    assert problem == "credentials stored in version 1 user data line 2 (GitHub Token)"  # the default version
    assert found["autoscaling-launch-configuration-no-credentials"] == [
        ("batch", "credentials stored in user data line 2 (Secret Keyword)")]
    assert found["lambda-environment-no-credentials"] == [
        ("mailer", "credentials stored in environment variable CONFIG (Basic Auth Credentials)")]
    assert found["ecs-task-definition-no-credentials"] == [
        ("pay:1", "credentials stored in container app environment variable OPTIONS (Stripe Access Key)")]
    ((_, problem),) = found["cloudformation-stack-no-credentials"]
    assert problem == ("credentials stored in parameter DbPassword (Secret Keyword); "
                       "output Url (Basic Auth Credentials)")
    assert {r["outcome"] for r in suite.by_control(f"prod-{PROD}-{REGION}").values()} == {"passed"}
    text = suite.output + "".join(p.read_text() for p in suite.reports.iterdir() if p.is_file())
    for secret in (AWS_KEY_ID, GITHUB_TOKEN, STRIPE_KEY, STRIPE_KEY[8:], DB_URL, "Test0Plain0Password"):
        assert secret not in text


# Each read and the controls that need it; per-resource reads need their list read to succeed.
READS = [
    ("ec2", "DescribeInstances", {"ec2-user-data-no-credentials"}),
    ("ec2", "DescribeInstanceAttribute", {"ec2-user-data-no-credentials"}),
    ("ec2", "DescribeLaunchTemplateVersions", {"ec2-launch-template-no-credentials"}),
    ("autoscaling", "DescribeLaunchConfigurations", {"autoscaling-launch-configuration-no-credentials"}),
    ("lambda", "ListFunctions", {"lambda-environment-no-credentials"}),
    ("ecs", "ListTaskDefinitions", {"ecs-task-definition-no-credentials"}),
    ("ecs", "DescribeTaskDefinition", {"ecs-task-definition-no-credentials"}),
    ("cloudformation", "DescribeStacks", {"cloudformation-stack-no-credentials"}),
]


@pytest.mark.parametrize("reads", [[0, 2, 3, 4, 6, 7], [1, 5]], ids=["lists", "per-resource-and-ecs-list"])
def test_unreadable_places_error(seeder, audit_roles, regional_baseline, run_suite, local_aws, reads):
    seed_clean(seeder, PROD)
    for service, operation, _ in (READS[i] for i in reads):
        local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    results = suite.by_control(f"prod-{PROD}-{REGION}")
    for service, operation, controls in (READS[i] for i in reads):
        for control in controls:
            assert results[control]["outcome"] == "error", (control, suite.output)
            assert f"could not read {service}:{operation}" in results[control]["message"]
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{REGION}").values()} == {"passed"}


def test_user_data_is_read_through_base64_and_gzip():
    text = "#!/bin/bash\necho hello\n"
    assert user_data_text(base64.b64encode(text.encode()).decode()) == text
    assert user_data_text(base64.b64encode(gzip.compress(text.encode())).decode()) == text
    assert user_data_text(base64.b64encode(b"\x1f\x8bnot gzip").decode()).endswith("not gzip")
