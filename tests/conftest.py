"""Shared fixtures of the self-tests: a local AWS (moto) and a way to run the
suite against it exactly as a user would, in a separate pytest process."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from compliance.demo.organization import (
    AUDIT_ROLE,
    EXTERNAL_ID,
    MANAGEMENT,
    Seeder,
    seed_audit_roles,
)
from compliance.demo.server import LocalAws

ROOT = Path(__file__).resolve().parent.parent
PROD, DEV = "444455556666", "555566667777"


@pytest.fixture(scope="session")
def _server():
    server = LocalAws().start()
    yield server
    server.stop()


@pytest.fixture
def local_aws(_server):
    """A moto server on 127.0.0.1, empty at the start of every test."""
    _server.reset()
    return _server


@pytest.fixture
def seeder(local_aws):
    return Seeder(local_aws.url)


@pytest.fixture
def audit_roles(seeder):
    """Audit roles in the management, prod and dev accounts."""
    seed_audit_roles(seeder, [MANAGEMENT, PROD, DEV])


def assert_unreadable(results, controls, read):
    """Exactly ``controls`` of ``results`` ({control ID: result}) errored, each
    naming ``read`` ("service:Operation ...") as what it could not read."""
    assert {c for c, r in results.items() if r["outcome"] == "error"} == set(controls)
    assert all(f"could not read {read}" in results[c]["message"] for c in controls)


REGION = "eu-west-1"


@pytest.fixture
def regional_baseline(tmp_path):
    """prod and dev, in REGION only: for controls judged per account and region."""
    return write_baseline(tmp_path / "baseline.yaml", regions=[REGION])


def write_baseline(path, **overrides):
    baseline = {
        "version": 1,
        "home_region": "us-east-1",
        "audit_role": {"name": AUDIT_ROLE, "external_id": EXTERNAL_ID},
        "accounts": {"list": [
            {"id": PROD, "name": "prod", "environment": "prod"},
            {"id": DEV, "name": "dev", "environment": "dev"},
        ]},
        "regions": ["us-east-1", "eu-west-1"],
    }
    baseline.update(overrides)
    path.write_text(yaml.safe_dump(baseline, sort_keys=False))
    return path


def offline_env(**extra):
    """Environment for a suite process: fake starting credentials, no AWS
    config files (unless ``extra`` names one), and HTTPS through a proxy that
    is not there, so nothing can reach real AWS (the local AWS speaks HTTP)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k.lower() != "https_proxy"}
    env.update(
        HTTPS_PROXY="http://127.0.0.1:9",
        AWS_ACCESS_KEY_ID="starting-identity",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )
    env.update(extra)
    return env


@pytest.fixture
def offline(monkeypatch):
    """This process's environment made offline, as ``offline_env``."""
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    for key, value in offline_env().items():
        monkeypatch.setenv(key, value)


@dataclass
class SuiteRun:
    returncode: int
    output: str
    reports: Path

    @property
    def results(self):
        return json.loads((self.reports / "results.json").read_text())

    def outcomes(self):
        """{test ID inside the brackets: outcome}."""
        return {r["nodeid"].split("[", 1)[-1].rstrip("]"): r["outcome"] for r in self.results["results"]}

    def result(self, label):
        return next(r for r in self.results["results"] if r["nodeid"].endswith(f"[{label}]"))

    def only(self):
        """The one result of a run of one organization-wide control."""
        (found,) = self.results["results"]
        return found

    def by_control(self, label):
        """{control ID: result} of the tests whose ID ends with ``[label]``."""
        return {r["control_id"]: r for r in self.results["results"] if r["nodeid"].endswith(f"[{label}]")}

    def of_account(self, account_id):
        """{control ID: result} of one account's tests (each control once: one region in scope)."""
        found = {}
        for result in self.results["results"]:
            if result["account_id"] == account_id:
                assert result["control_id"] not in found, f"{result['control_id']} ran twice in {account_id}"
                found[result["control_id"]] = result
        return found


def run_pytest(reports, args, env=None):
    """Run the suite in a new pytest process, as a user would, with its reports in ``reports``."""
    command = [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "-p", "no:cacheprovider",
               f"--reports-dir={reports}", *args]
    process = subprocess.run(command, cwd=ROOT, env=env or offline_env(), capture_output=True, text=True, timeout=300)
    return SuiteRun(process.returncode, process.stdout + process.stderr, reports)


@pytest.fixture
def run_suite(tmp_path, local_aws):
    """Run the suite in a new pytest process against the local AWS."""

    runs = iter(range(1000))

    def run(*args, baseline=None, env=None, endpoint=True):
        number = next(runs)
        reports = tmp_path / ("reports" if number == 0 else f"reports-{number}")
        options = [f"--baseline={baseline}"] if baseline is not None else []
        if endpoint:
            options.append(f"--endpoint-url={local_aws.url}")
        return run_pytest(reports, options + list(args), env)

    return run


LOG_ARCHIVE = "222233334444"
OUTSIDER = "666677778888"


@pytest.fixture
def organization(seeder):
    """An AWS Organization: management, log-archive, prod and dev accounts,
    each with the audit role; OUTSIDER has the role but is not a member."""
    from compliance.demo.organization import fixed_account_ids

    org = seeder.client("organizations", MANAGEMENT)
    org.create_organization(FeatureSet="ALL")
    with fixed_account_ids(iter([LOG_ARCHIVE, PROD, DEV])):
        for name in ("log-archive", "prod", "dev"):
            org.create_account(AccountName=name, Email=f"{name}@example.com")
    seed_audit_roles(seeder, [MANAGEMENT, LOG_ARCHIVE, PROD, DEV, OUTSIDER])
    return org.describe_organization()["Organization"]["Id"]


@pytest.fixture
def home_region_baseline(tmp_path):
    """The organization's accounts with their roles, in the home region only:
    for organization-wide controls."""
    return organization_baseline(tmp_path / "baseline.yaml", regions=["us-east-1"])


def organization_baseline(path, **overrides):
    """A baseline naming the organization's accounts and their roles."""
    return write_baseline(path, accounts={"list": [
        {"id": MANAGEMENT, "name": "management", "role": "management"},
        {"id": LOG_ARCHIVE, "name": "log-archive", "role": "log-archive"},
        {"id": PROD, "name": "prod"},
        {"id": DEV, "name": "dev"},
    ]}, **overrides)
