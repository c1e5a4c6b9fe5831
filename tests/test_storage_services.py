"""The Secrets Manager, EventBridge, CloudFormation and FSx controls, and the
moto patches they need, proven against moto."""

import datetime
import json

from compliance.demo.moto_storage import age_secret
from compliance.demo.seed_storage import seed_event_buses, seed_fsx, seed_secrets
from compliance.inventory import events
from tests.conftest import DEV, PROD, REGION, write_baseline

CONTROLS = "controls/services"
SECRET_CONTROLS = ["secretsmanager-rotation-enabled", "secretsmanager-rotation-succeeds", "secretsmanager-rotation-age",
                   "secretsmanager-unused"]
ALL = SECRET_CONTROLS + ["eventbridge-custom-bus-policy", "cloudformation-stack-notifications", "fsx-openzfs-copy-tags"]
TEMPLATE = json.dumps({"Resources": {"Marker": {"Type": "AWS::SSM::Parameter", "Properties": {
    "Name": "/marker", "Type": "String", "Value": "marker"}}}})


def findings(result):
    return sorted((f["resource"].split(":")[-1], f["problem"]) for f in result["findings"])


def test_compliant_prod_passes_and_each_violation_in_dev_fails(seeder, audit_roles, regional_baseline, run_suite):
    seed_secrets(seeder)
    seed_event_buses(seeder)
    seed_fsx(seeder)
    topic = seeder.client("sns", PROD, REGION).create_topic(Name="stack-events")["TopicArn"]
    seeder.client("cloudformation", PROD, REGION).create_stack(StackName="network", TemplateBody=TEMPLATE,
                                                                NotificationARNs=[topic])
    seeder.client("cloudformation", DEV, REGION).create_stack(StackName="silent", TemplateBody=TEMPLATE)

    suite = run_suite(CONTROLS, baseline=regional_baseline)

    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(ALL, "passed"), suite.output
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {c: r["outcome"] for c, r in dev.items()} == dict.fromkeys(ALL, "failed")
    legacy, reports = (s["ARN"] for s in dev["secretsmanager-rotation-enabled"]["evidence"]["secrets"])
    assert legacy.split(":")[-1].startswith("legacy-api-key-") and reports.split(":")[-1].startswith("reports-db")
    problems = {c: sorted((f["resource"], f["problem"].split(" (")[0]) for f in r["findings"]) for c, r in dev.items()}
    assert problems["secretsmanager-rotation-enabled"] == [(legacy, "automatic rotation is off")]
    due = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=70)).date().isoformat()
    assert problems["secretsmanager-rotation-succeeds"] == [
        (reports, f"rotation was due on {due} and has not succeeded since")]
    assert problems["secretsmanager-rotation-age"] == [(legacy, "never rotated, created 200 days ago"),
                                                       (reports, "last rotated 100 days ago")]
    assert problems["secretsmanager-unused"] == [(legacy, "never read, created 200 days ago")]
    assert findings(dev["eventbridge-custom-bus-policy"]) == [
        ("event-bus/dev-events", "the custom event bus has no resource-based policy")]
    assert [f["problem"] for f in dev["cloudformation-stack-notifications"]["findings"]] == [
        "the stack notifies no SNS topic of its events"]
    assert [f["problem"] for f in dev["fsx-openzfs-copy-tags"]["findings"]] == [
        "does not copy its tags to backups or volumes"]


def test_thresholds_come_from_the_baseline(seeder, audit_roles, tmp_path, run_suite):
    seed_secrets(seeder)
    baseline = write_baseline(tmp_path / "b.yaml", regions=[REGION], controls={
        "secretsmanager-rotation-age": {"maximum_days": 365}, "secretsmanager-unused": {"unused_days": 365}})
    suite = run_suite(f"{CONTROLS}/test_secretsmanager_secrets.py", baseline=baseline)
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert (dev["secretsmanager-rotation-age"]["outcome"], dev["secretsmanager-unused"]["outcome"]) == (
        "passed", "passed")


# One unreadable read in each account-region.
FAULTS = {(PROD, "us-east-1"): ("secretsmanager", "ListSecrets"), (DEV, "us-east-1"): ("events", "ListEventBuses"),
          (PROD, REGION): ("cloudformation", "DescribeStacks"), (DEV, REGION): ("fsx", "DescribeFileSystems")}
READERS = {"ListSecrets": SECRET_CONTROLS, "ListEventBuses": ["eventbridge-custom-bus-policy"],
           "DescribeStacks": ["cloudformation-stack-notifications"], "DescribeFileSystems": ["fsx-openzfs-copy-tags"]}


def test_unreadable_apis_error(seeder, audit_roles, tmp_path, run_suite, local_aws):
    baseline = write_baseline(tmp_path / "b.yaml", regions=["us-east-1", REGION])
    for (account, region), (service, operation) in FAULTS.items():
        local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation,
                         account=account, region=region)
    suite = run_suite(CONTROLS, baseline=baseline)
    for (account, region), (service, operation) in FAULTS.items():
        name = "prod" if account == PROD else "dev"
        results = suite.by_control(f"{name}-{account}-{region}")
        assert {c for c, r in results.items() if r["outcome"] == "error"} == set(READERS[operation]), suite.output
        assert all(f"could not read {service}:{operation}" in results[c]["message"] for c in READERS[operation])
        assert {r["outcome"] for c, r in results.items() if c not in READERS[operation]} == {"passed"}


def test_event_buses_are_read_page_by_page():
    pages = {None: {"EventBuses": [{"Name": "b", "Arn": "arn:b"}], "NextToken": "2"},
             "2": {"EventBuses": [{"Name": "a", "Arn": "arn:a"}]}}

    class Api:
        def read(self, service, operation, region, NextToken=None):
            assert (service, operation, region) == ("events", "ListEventBuses", REGION)
            return pages[NextToken]

    assert [b["Name"] for b in events.event_buses(Api(), REGION)] == ["a", "b"]


def test_moto_reports_when_a_secret_was_last_read(seeder):
    client = seeder.client("secretsmanager", DEV, REGION)
    client.create_secret(Name="read-me", SecretString="value")
    assert "LastAccessedDate" not in client.list_secrets()["SecretList"][0]
    client.get_secret_value(SecretId="read-me")
    (secret,) = client.list_secrets()["SecretList"]
    read = secret["LastAccessedDate"].astimezone(datetime.timezone.utc)
    assert read.time() == datetime.time(0) and read.date() == datetime.datetime.now(datetime.timezone.utc).date()
    age_secret(DEV, REGION, "read-me", created_days_ago=10, accessed_days_ago=3)
    (secret,) = client.list_secrets()["SecretList"]
    assert (secret["CreatedDate"] - secret["LastAccessedDate"]).days in (-7, -8)


def test_moto_names_fsx_file_systems_from_its_seeded_generator(seeder):
    from moto.moto_api._internal import mock_random

    def create():
        mock_random.seed(7)
        return seeder.client("fsx", DEV, REGION).create_file_system(
            FileSystemType="OPENZFS", StorageCapacity=64, SubnetIds=["subnet-0123456789abcdef0"],
            OpenZFSConfiguration={"DeploymentType": "SINGLE_AZ_1", "ThroughputCapacity": 64})["FileSystem"]
    first, second = create(), create()
    assert first["FileSystemId"] == second["FileSystemId"]
