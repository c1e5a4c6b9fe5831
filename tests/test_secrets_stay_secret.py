"""No report, recording or terminal output carries a secret the estate holds.

The whole demo organization runs, recorded, with known secrets planted under
innocent-looking names in every place where AWS stores free-form values for
the customer; then the recording is replayed. Neither run's reports, the
recording, nor either run's output may hold any of them (nor the exact
base64 payloads AWS returned the user data in), while the credential
controls still find what the detectors recognise, replayed included."""

import base64
import gzip

from compliance.demo.organization import MANAGEMENT, create_function, launch, seed
from compliance.demo.seed_apps import codebuild_project
from compliance.demo.stored_values import (
    encoded_user_data,
    launch_configuration,
    launch_template,
    stack,
    task_definition,
)
from tests.conftest import PROD, ROOT, offline_env

REGION = "eu-west-1"
AWS_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYPLANTED0KEY"
STRIPE_KEY = "sk_live_" + "Planted0Stripe0Key000000"
DB_PASSWORD = "Planted0Db0Password"
TOKEN = "8f3a9c2e7b1d4f6a" + "0c5e9b2a7d4f1e3c"
GITHUB_TOKEN = "ghp_" + "Planted0GitHub0Token0For0The0Proof0000"
SECRETS = [AWS_SECRET_KEY, STRIPE_KEY, DB_PASSWORD, TOKEN, GITHUB_TOKEN]
SCRIPT = (f"#!/bin/bash\nexport SETTINGS={AWS_SECRET_KEY}\ncurl -H 'Authorization: {TOKEN}' "
          f"https://ci:{DB_PASSWORD}@ci.example.com\necho {GITHUB_TOKEN}\n")
CONTROLS = {"ec2-user-data-no-credentials", "ec2-launch-template-no-credentials",
            "autoscaling-launch-configuration-no-credentials", "lambda-environment-no-credentials",
            "ecs-task-definition-no-credentials", "cloudformation-stack-no-credentials",
            "codebuild-source-url-no-credentials", "codebuild-environment-no-credentials"}


def plant(seeder):
    """The secrets in every place, under names that do not look secret; the
    payloads as AWS returns them (base64) are returned too."""
    environment = {"CONFIG": AWS_SECRET_KEY, "DATABASE_URL": f"postgres://app:{DB_PASSWORD}@db.example.com/app",
                   "TOKEN": TOKEN, "BILLING": STRIPE_KEY, "SETTINGS": GITHUB_TOKEN}
    create_function(seeder, MANAGEMENT, "us-east-1", "invoice-sync", Environment={"Variables": environment})
    create_function(seeder, PROD, REGION, "orders-sync", Environment={"Variables": environment})
    compressed = gzip.compress(SCRIPT.encode())
    launch(seeder, PROD, REGION, UserData=compressed)
    template_data = encoded_user_data(SCRIPT)
    launch_template(seeder, PROD, REGION, "app", template_data)
    launch_configuration(seeder, PROD, REGION, "app-legacy", SCRIPT)
    task_definition(seeder, PROD, REGION, "app", environment)
    stack(seeder, PROD, REGION, "app", {"Settings": AWS_SECRET_KEY, "Url": f"mysql://app:{DB_PASSWORD}@db"},
          outputs={"Endpoint": f"https://app:{DB_PASSWORD}@api.example.com", "Key": STRIPE_KEY})
    codebuild_project(seeder, PROD, REGION, "app-build", location=f"https://ci:{DB_PASSWORD}@bitbucket.org/a/app.git",
                      variables=environment)
    return [base64.b64encode(compressed).decode(), template_data, base64.b64encode(SCRIPT.encode()).decode()]


def carried(secrets, text, where):
    return [f"{secret[:12]}... in {where}" for secret in secrets if secret in text]


def leaks(secrets, suite, *directories):
    found = carried(secrets, suite.output, "the terminal output")
    for directory in directories:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            found += carried(secrets, path.read_text(errors="replace"), path)
    return found


def test_no_report_recording_or_output_carries_a_secret(seeder, local_aws, tmp_path, run_suite):
    seed(local_aws.url)
    secrets = SECRETS + plant(seeder)
    recording = tmp_path / "recording"
    baseline = ROOT / "baselines" / "demo.yaml"
    recorded = run_suite(f"--record={recording}", "-n", "2", baseline=baseline)
    assert leaks(secrets, recorded, recorded.reports, recording) == []
    assert {r["control_id"] for r in recorded.results["results"] if r["outcome"] == "failed"} >= CONTROLS

    env = offline_env()
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    replayed = run_suite(f"--replay={recording}", "-n", "2", env=env, endpoint=False)
    outcomes = {c: r["outcome"] for c, r in replayed.by_control(f"prod-{PROD}-{REGION}").items() if c in CONTROLS}
    assert outcomes == dict.fromkeys(CONTROLS, "failed"), replayed.output
    assert leaks(secrets, replayed, replayed.reports) == []
