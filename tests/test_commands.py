"""The baseline commands: offline check for pull requests, and a starter
baseline written from AWS Organizations."""

import json
import subprocess
import sys

import yaml

from compliance import baseline, catalog
from compliance.demo.organization import fixed_account_ids
from tests.conftest import (
    DEV,
    LOG_ARCHIVE,
    MANAGEMENT,
    PROD,
    ROOT,
    offline_env,
    write_baseline,
)


def command(*args, env=None):
    return subprocess.run([sys.executable, "-m", "compliance", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or offline_env(), timeout=120)


def test_check_baseline_passes_a_good_baseline():
    done = command("check-baseline", "baselines/example-org.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "OK    baselines/example-org.yaml: 5 listed accounts, 0 waivers\n"


def test_check_baseline_fails_on_expired_waivers_and_bad_files(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\naudit_role: {name: Audit}\naccounts: {list: [{id: '123'}]}\nregions: [eu-west-1]\n")
    done = command("check-baseline", "baselines/demo.yaml", str(broken))
    assert done.returncode == 1
    assert "ERROR baselines/demo.yaml: waiver W-2026-007 expired on 2026-09-30" in done.stdout
    assert "broken.yaml:3: accounts.list.0.id: '123' does not match" in done.stdout


def test_check_baseline_notices_a_missing_ca_bundle(tmp_path):
    path = write_baseline(tmp_path / "b.yaml", controls={"rds-ca-certificates": {"ca_bundle": "missing.pem"}})
    done = command("check-baseline", str(path))
    assert done.returncode == 1
    assert "ca_bundle: no file missing.pem next to the baseline" in done.stdout


def test_init_baseline_writes_a_reviewable_valid_baseline(seeder, tmp_path, local_aws):
    org = seeder.client("organizations", MANAGEMENT)
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    security = org.create_organizational_unit(ParentId=root, Name="Security")["OrganizationalUnit"]["Id"]
    workloads = org.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
    prod_ou = org.create_organizational_unit(ParentId=workloads, Name="Prod")["OrganizationalUnit"]["Id"]
    with fixed_account_ids(iter([LOG_ARCHIVE, PROD, DEV])):
        for name, ou in (("Log Archive", security), ("payments", prod_ou), ("dev-sandbox", workloads)):
            account_id = org.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]["AccountId"]
            org.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=ou)
    output = tmp_path / "org.yaml"

    done = command("init-baseline", f"--output={output}", f"--endpoint-url={local_aws.url}")

    assert done.returncode == 0, done.stderr
    text = output.read_text()
    assert "# OU Workloads/Prod" in text and "Review before committing" in text
    accounts = {a["id"]: a for a in yaml.safe_load(text)["accounts"]["list"]}
    assert accounts[MANAGEMENT]["role"] == "management"
    assert accounts[LOG_ARCHIVE]["role"] == "log-archive"
    assert accounts[PROD] == {"id": PROD, "name": "payments", "role": "workload", "environment": "prod"}
    assert accounts[DEV]["role"] == "sandbox"
    assert baseline.load(output, catalog.load(ROOT / "controls")).discover
    again = command("init-baseline", f"--output={output}", f"--endpoint-url={local_aws.url}")
    assert again.returncode == 2 and "exists; choose another --output or pass --force" in again.stderr


def results_file(tmp_path, *results):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"results": [
        {"nodeid": f"controls/x.py::test[{i}]", "outcome": outcome, "severity": severity}
        for i, (outcome, severity) in enumerate(results)]}))
    return path


def test_gate_fails_only_at_or_above_the_threshold(tmp_path):
    path = results_file(tmp_path, ("failed", "medium"), ("passed", "critical"), ("xfailed", "high"))
    assert command("gate", str(path), "--fail-on", "high").returncode == 0
    done = command("gate", str(path), "--fail-on", "medium")
    assert done.returncode == 1
    assert "FAILED medium   controls/x.py::test[0]" in done.stdout
    assert "1 failed or errored at severity medium or above; 0 below it" in done.stdout


def test_gate_counts_errors_as_failures(tmp_path):
    done = command("gate", str(results_file(tmp_path, ("error", "critical"))), "--fail-on", "critical")
    assert done.returncode == 1 and "ERROR  critical" in done.stdout


def test_gate_refuses_a_file_that_is_not_results(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    done = command("gate", str(tmp_path / "x.json"))
    assert done.returncode == 2 and "not a results.json of this suite" in done.stderr
