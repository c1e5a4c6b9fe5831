"""The AWS SDKs' endpoint settings behave like --endpoint-url: each convention
reaches every service, STS's role assumption and S3 Control's account-prefixed
host included, in botocore's order of precedence."""

import urllib.parse

import botocore.session
import pytest
from botocore.credentials import Credentials
from botocore.exceptions import EndpointConnectionError

from compliance.aws.api import AccountApi
from compliance.aws.metering import Meter
from compliance.aws.permissions import operations_read
from compliance.aws.sessions import Connection
from compliance.aws.store import ResponseStore
from compliance.demo import organization
from compliance.errors import ApiUnreadable
from tests.conftest import PROD, ROOT, offline_env, run_pytest

CUSTOM, DECOY = "http://127.0.0.1:4566", "http://127.0.0.1:9"  # DECOY: a lower-precedence setting, never used
AWS_S3CONTROL = f"{PROD}.s3-control.us-east-1.amazonaws.com"


class Sent(Exception):
    """A request reached the point of being sent: it never is."""


def s3control_host(connection):
    """The host S3 Control's GetPublicAccessBlock goes to, caught before it is sent."""
    client = connection.client("s3control", "us-east-1")
    hosts = []

    def catch(request, **_):
        hosts.append(urllib.parse.urlsplit(request.url).netloc)
        raise Sent()

    client.meta.events.register("before-send", catch)
    with connection.signed_as(Credentials("a", "b")), pytest.raises(Sent):
        client.get_public_access_block(AccountId=PROD)
    return hosts[0]


def config_file(tmp_path, text, name="config"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# id: (--endpoint-url, environment, the profile "local" of the config file, the setting that wins)
CASES = {
    "--endpoint-url": (CUSTOM, {"AWS_ENDPOINT_URL_S3_CONTROL": DECOY}, "", "--endpoint-url"),
    "AWS_ENDPOINT_URL_<SERVICE>": (None, {"AWS_ENDPOINT_URL_S3_CONTROL": CUSTOM, "AWS_ENDPOINT_URL": DECOY}, "",
                                   "AWS_ENDPOINT_URL_S3_CONTROL"),
    "AWS_ENDPOINT_URL": (None, {"AWS_ENDPOINT_URL": CUSTOM}, f"endpoint_url = {DECOY}\n", "AWS_ENDPOINT_URL"),
    "services section": (None, {}, f"endpoint_url = {DECOY}\nservices = local\n[services local]\n"
                         f"s3_control =\n  endpoint_url = {CUSTOM}\n",
                         "s3_control.endpoint_url in the services section 'local' of the profile local of"),
    "profile endpoint_url": (None, {}, f"endpoint_url = {CUSTOM}\n", "endpoint_url in the profile local of"),
    "--endpoint-url, configured ones ignored": (CUSTOM, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, "",
                                                "--endpoint-url"),
}
ON_AWS = {
    "nothing set": ({}, ""),
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": ({"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
                                             "AWS_ENDPOINT_URL": DECOY}, ""),
    "ignore_configured_endpoint_urls": ({}, f"endpoint_url = {DECOY}\nignore_configured_endpoint_urls = true\n"),
}


@pytest.mark.parametrize("explicit, environment, profile, setting", CASES.values(), ids=CASES.keys())
def test_each_setting_reaches_s3control_without_the_account_prefix(explicit, environment, profile, setting,
                                                                    tmp_path, offline, monkeypatch):
    monkeypatch.setenv("AWS_CONFIG_FILE", config_file(tmp_path, f"[profile local]\n{profile}"))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    connection = Connection(Meter(), endpoint_url=explicit, profile="local")

    assert s3control_host(connection) == "127.0.0.1:4566"
    assert connection.client("s3control", "us-east-1").meta.endpoint_url == CUSTOM  # botocore agrees
    assert connection.endpoints({"s3control"}) == {"endpoint_url": CUSTOM}
    error = EndpointConnectionError(endpoint_url=CUSTOM)
    assert f"cannot reach the s3control endpoint {CUSTOM}, set by {setting}" in connection.unreachable("s3control", error)


@pytest.mark.parametrize("environment, profile", ON_AWS.values(), ids=ON_AWS.keys())
def test_aws_endpoints_keep_the_account_prefix(environment, profile, tmp_path, offline, monkeypatch):
    monkeypatch.setenv("AWS_CONFIG_FILE", config_file(tmp_path, f"[default]\n{profile}"))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    connection = Connection(Meter())

    assert s3control_host(connection) == AWS_S3CONTROL
    assert connection.endpoints({"s3control", "sts"}) == {"endpoint_url": "AWS default endpoints"}
    message = connection.unreachable("sts", EndpointConnectionError(endpoint_url="https://sts.amazonaws.com"))
    assert message.startswith("cannot reach AWS's sts endpoint") and "HTTPS_PROXY" in message


def test_services_set_apart_are_recorded_each_with_its_setting(offline, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", CUSTOM)
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", DECOY)
    assert Connection(Meter()).endpoints({"kms", "sts", "s3control"}) == {"endpoint_url": "per service", "endpoints": {
        "kms": f"{CUSTOM} (AWS_ENDPOINT_URL)",
        "s3control": f"{CUSTOM} (AWS_ENDPOINT_URL)",
        "sts": f"{DECOY} (AWS_ENDPOINT_URL_STS)",
    }}


def test_a_service_that_cannot_be_reached_errors_naming_its_setting(offline, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ENDPOINT_URL_KMS", DECOY)
    connection = Connection(Meter(), max_attempts=1)
    api = AccountApi(PROD, connection, ResponseStore(str(tmp_path), connection.meter), connection.starting_credentials)
    with pytest.raises(ApiUnreadable) as error:
        api.read("kms", "ListKeys", "eu-west-1")
    assert error.value.code == "EndpointConnectionError"
    assert f"cannot reach the kms endpoint {DECOY}, set by AWS_ENDPOINT_URL_KMS" in str(error.value)


# The demo through each convention: S3 Control (account-wide), STS (role
# assumption), Organizations, IAM, KMS and S3.
SELECTION = ["-k", "s3_block_public_access or kms_key_rotation or iam_password_policy or organization_guardrails",
             "--regions=us-east-1", f"--baseline={ROOT / 'baselines' / 'demo.yaml'}"]
CREDENTIALS = "aws_access_key_id = starting-identity\naws_secret_access_key = testing\n"


def service_ids():
    """The service ID of every service the suite reads, STS's included, as the
    SDKs name it in endpoint settings (spaces as underscores)."""
    session = botocore.session.get_session()
    services = {"sts"} | {service for service, _ in operations_read()}
    return [session.get_service_model(service).service_id.replace(" ", "_") for service in sorted(services)]


def through_profile(tmp_path, name, profile, **environment):
    """offline_env with the profile "demo" in the config file ``name``."""
    path = config_file(tmp_path, f"[profile demo]\n{CREDENTIALS}{profile}", name)
    return offline_env(AWS_CONFIG_FILE=path, **environment)


def conventions(url, tmp_path):
    """id: (options, environment) reaching the demo at ``url`` through one convention.
    Where one convention sets each service apart, the lower-precedence global
    setting names an endpoint that is not there, so a service left out fails."""
    per_service = "".join(f"{service.lower()} =\n  endpoint_url = {url}\n" for service in service_ids())
    return {
        "AWS_ENDPOINT_URL": ([], offline_env(AWS_ENDPOINT_URL=url)),
        "AWS_ENDPOINT_URL_<SERVICE>": (["-n", "2"], offline_env(AWS_ENDPOINT_URL=DECOY, **{  # xdist workers too
            f"AWS_ENDPOINT_URL_{service.upper()}": url for service in service_ids()})),
        "profile endpoint_url (--aws-profile)": (["--aws-profile=demo"], through_profile(
            tmp_path, "global", f"endpoint_url = {url}\n")),
        "profile services section (AWS_PROFILE)": ([], through_profile(
            tmp_path, "per-service", f"endpoint_url = {DECOY}\nservices = demo\n[services demo]\n{per_service}",
            AWS_PROFILE="demo")),
    }


def seed_demo(seeder):
    """A part of the demo organization: its accounts and roles, KMS keys,
    password policies, resource policies."""
    organization.seed_organization(seeder)
    organization.seed_audit_roles(seeder, sorted(organization.IDS.values()))
    organization.seed_kms(seeder)
    organization.seed_password_policies(seeder)
    organization.seed_resource_policies(seeder)


def verdicts(suite):
    return {r["nodeid"]: (r["outcome"], r["message"]) for r in suite.results["results"]}


def test_the_demo_through_each_convention_as_through_endpoint_url(seeder, local_aws, tmp_path):
    """One test, one seeding: the runs share the moto estate of this process."""
    seed_demo(seeder)
    reference = verdicts(run_pytest(tmp_path / "reference", [f"--endpoint-url={local_aws.url}", *SELECTION]))
    outcomes = {outcome for outcome, _ in reference.values()}
    assert {"passed", "failed"} <= outcomes and "error" not in outcomes
    assert any("s3_block_public_access" in nodeid for nodeid in reference)

    found = {}
    for number, (convention, (options, env)) in enumerate(conventions(local_aws.url, tmp_path).items()):
        suite = run_pytest(tmp_path / f"reports-{number}", options + SELECTION, env)
        found[convention] = ((verdicts(suite), suite.results["run"]["endpoint_url"])
                             if (suite.reports / "results.json").exists() else suite.output)

    assert found == {convention: (reference, local_aws.url) for convention in found}
