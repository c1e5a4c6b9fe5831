"""The harness end to end: scope, parametrization, xdist, fail-closed
accounts and regions, reports."""

import json
import subprocess
import xml.etree.ElementTree as ET

from compliance.demo.organization import (
    AUDIT_ROLE,
    STRONG_PASSWORD_POLICY,
    create_key,
    fixed_account_ids,
    seed_audit_roles,
)
from compliance.run import Run
from tests.conftest import DEV, MANAGEMENT, PROD, ROOT, offline_env, write_baseline

# The harness is exercised through one regional and one account-wide control.
REGIONAL_AND_ACCOUNT = ("controls/kms/test_kms_key_rotation.py", "controls/iam/test_iam_password_policy.py")


def _violations(seeder):
    create_key(seeder, PROD, "eu-west-1", "rotating", rotation_days=365)
    create_key(seeder, DEV, "eu-west-1", "no-rotation")
    seeder.client("iam", PROD).update_account_password_policy(**STRONG_PASSWORD_POLICY)


def _records(suite):
    """Each result whole, but for the worker that ran it."""
    return {r["nodeid"]: {k: v for k, v in r.items() if k != "worker"} for r in suite.results["results"]}


def test_same_results_with_and_without_xdist_and_no_repeated_requests(seeder, audit_roles, tmp_path, run_suite):
    _violations(seeder)
    baseline = write_baseline(tmp_path / "b.yaml", regions=["eu-west-1", "me-south-1"])  # me-south-1: skipped
    serial = run_suite(*REGIONAL_AND_ACCOUNT, "-n", "0", baseline=baseline)
    serial_results, serial_api = _records(serial), serial.results["run"]["api"]
    parallel = run_suite(*REGIONAL_AND_ACCOUNT, "-n", "2", baseline=baseline)

    # Reports cross from the workers whole: messages, findings, evidence, skips.
    assert serial_results == _records(parallel)
    assert len(serial_results) == 2 * 2 + 2  # KMS per account-region, IAM per account
    assert {r["outcome"] for r in serial_results.values()} == {"passed", "failed", "skipped"}
    # The terminal's summary reads the reports the controller keeps, slimmed once logged (fixtures/reporting.py).
    for outcome in ("SKIPPED", "FAILED"):
        lines = sorted(line for line in parallel.output.splitlines() if line.startswith(outcome))
        assert lines == sorted(line for line in serial.output.splitlines() if line.startswith(outcome)) and lines
    for api in (serial_api, parallel.results["run"]["api"]):
        assert api["repeated"] == 0
    peaks = serial.results["run"]["peak_memory_mb"], parallel.results["run"]["peak_memory_mb"]
    assert peaks[0]["controller"] > 50 and peaks[0]["workers"] == []  # every process's peak: the controller's,
    assert peaks[1]["controller"] > 50 and len(peaks[1]["workers"]) == 2 and min(peaks[1]["workers"]) > 50  # each worker's
    assert serial_api["questions"] == parallel.results["run"]["api"]["questions"]
    assert serial_api["by_operation"] == parallel.results["run"]["api"]["by_operation"]
    assert "AWS API: " in parallel.output and ", 0 repeated" in parallel.output


def test_test_ids_are_readable_and_identical_on_every_worker(audit_roles, tmp_path, run_suite):
    baseline = write_baseline(tmp_path / "b.yaml")
    first = run_suite("--collect-only", "-q", baseline=baseline)
    second = run_suite("--collect-only", "-q", baseline=baseline)
    ids = [line for line in first.output.splitlines() if "::" in line]
    assert ids == [line for line in second.output.splitlines() if "::" in line]
    assert "controls/kms/test_kms_key_rotation.py::test_kms_key_rotation[prod-444455556666-eu-west-1]" in ids
    assert "controls/iam/test_iam_password_policy.py::test_iam_password_policy[dev-555566667777]" in ids
    # xdist refuses to run when workers collect different tests; three workers agree.
    spread = run_suite("-n", "3", baseline=baseline)
    assert "Different tests were collected" not in spread.output
    assert len(spread.results["results"]) == len(ids)


def test_scope_survives_the_hand_off_to_workers(audit_roles, tmp_path, local_aws, offline):
    from compliance.run import Options, prepare

    run = prepare(Options(baseline=str(write_baseline(tmp_path / "b.yaml")), endpoint_url=local_aws.url), "pytest")
    try:
        worker = Run.from_worker(json.loads(json.dumps(run.to_worker())))
        assert [t.label for t in worker.scope.region_targets()] == [t.label for t in run.scope.region_targets()]
        assert worker.estate.credentials.keys() == {PROD, DEV}
    finally:
        run.close()


def test_an_unassumable_account_errors_alone(seeder, tmp_path, run_suite):
    seed_audit_roles(seeder, [PROD])  # dev has no audit role
    _violations(seeder)
    suite = run_suite(*REGIONAL_AND_ACCOUNT, baseline=write_baseline(tmp_path / "b.yaml"))

    outcomes = suite.outcomes()
    assert {label: o for label, o in outcomes.items() if DEV in label} == {
        f"dev-{DEV}-us-east-1": "error", f"dev-{DEV}-eu-west-1": "error", f"dev-{DEV}": "error"}
    assert {o for label, o in outcomes.items() if PROD in label} == {"passed"}
    message = suite.result(f"dev-{DEV}-eu-west-1")["message"]
    assert f"cannot assume arn:aws:iam::{DEV}:role/{AUDIT_ROLE} (AccessDenied)" in message
    assert suite.results["run"]["unreachable_accounts"].keys() == {DEV}


def test_a_region_not_enabled_is_skipped_with_the_reason(seeder, audit_roles, tmp_path, run_suite):
    suite = run_suite(*REGIONAL_AND_ACCOUNT, baseline=write_baseline(tmp_path / "b.yaml", regions=["eu-west-1", "me-south-1"]))
    result = suite.result(f"prod-{PROD}-me-south-1")
    assert result["outcome"] == "skipped"
    assert result["message"] == f"Skipped: region me-south-1 is not enabled in account prod-{PROD}"
    assert suite.result(f"prod-{PROD}-eu-west-1")["outcome"] == "passed"


def test_enabled_regions_are_asked_once_per_account(seeder, audit_roles, tmp_path, run_suite):
    suite = run_suite(*REGIONAL_AND_ACCOUNT, "--regions=enabled", "--accounts=" + PROD,
                      baseline=write_baseline(tmp_path / "b.yaml"))
    regions = suite.results["run"]["regions"][PROD]
    assert "eu-west-1" in regions and "me-south-1" not in regions and not any(r.startswith("cn-") for r in regions)
    assert len(suite.results["results"]) == len(regions) + 1
    assert suite.results["run"]["api"]["by_operation"]["ec2:DescribeRegions"] == 1


def test_unreadable_region_list_errors_the_account(seeder, audit_roles, tmp_path, run_suite, local_aws):
    local_aws.inject("UnauthorizedOperation", "denied", service="ec2", operation="DescribeRegions", account=DEV)
    suite = run_suite(*REGIONAL_AND_ACCOUNT, baseline=write_baseline(tmp_path / "b.yaml"))
    result = suite.result(f"dev-{DEV}-eu-west-1")
    assert result["outcome"] == "error"
    assert f"could not read ec2:DescribeRegions in account {DEV} region us-east-1: UnauthorizedOperation" in result["message"]


def test_aws_endpoint_url_and_command_line_scope(seeder, tmp_path, run_suite, local_aws):
    """An independently started server, reached through AWS_ENDPOINT_URL, with
    accounts and role given on the command line rather than in the baseline."""
    seed_audit_roles(seeder, [PROD, DEV], external_id="cli-external-id")
    _violations(seeder)
    baseline = write_baseline(tmp_path / "b.yaml", audit_role={"name": "SomethingElse"},
                              accounts={"list": [{"id": "999988887777"}]}, regions=["eu-west-1"])
    suite = run_suite(*REGIONAL_AND_ACCOUNT, f"--accounts={DEV},{PROD}", f"--audit-role={AUDIT_ROLE}", "--external-id=cli-external-id",
                      baseline=baseline, endpoint=False, env=offline_env(AWS_ENDPOINT_URL=local_aws.url))
    assert suite.outcomes() == {
        f"{DEV}-eu-west-1": "failed", f"{PROD}-eu-west-1": "passed", DEV: "failed", PROD: "passed"}
    assert suite.results["run"]["endpoint_url"] == local_aws.url


def test_organization_discovery(seeder, tmp_path, run_suite):
    org = seeder.client("organizations", MANAGEMENT)
    org.create_organization(FeatureSet="ALL")
    with fixed_account_ids(iter([PROD, DEV])):
        org.create_account(AccountName="prod", Email="prod@example.com")
        org.create_account(AccountName="dev", Email="dev@example.com")
    seed_audit_roles(seeder, [MANAGEMENT, PROD, DEV])
    baseline = write_baseline(tmp_path / "b.yaml", accounts={"discover": "organization", "list": [
        {"id": PROD, "name": "production", "role": "workload"}]}, regions=["eu-west-1"])

    suite = run_suite("--collect-only", "-q", baseline=baseline)

    assert f"test_kms_key_rotation[master-{MANAGEMENT}-eu-west-1]" in suite.output  # name from Organizations
    assert f"test_kms_key_rotation[production-{PROD}-eu-west-1]" in suite.output  # name from the baseline
    assert f"test_kms_key_rotation[dev-{DEV}-eu-west-1]" in suite.output


def test_reports_record_the_run_and_every_result(seeder, audit_roles, tmp_path, run_suite):
    _violations(seeder)
    suite = run_suite(*REGIONAL_AND_ACCOUNT, baseline=write_baseline(tmp_path / "b.yaml"))

    run = suite.results["run"]
    for key in ("started", "finished", "suite_version", "commit", "baseline", "baseline_sha256",
                "caller_identity", "accounts", "regions", "api_requests", "command_line", "role_session_name"):
        assert run[key], key
    assert run["caller_identity"].startswith(f"arn:aws:sts::{MANAGEMENT}:") or run["caller_identity"].startswith(
        f"arn:aws:iam::{MANAGEMENT}:")
    failed = suite.result(f"dev-{DEV}-eu-west-1")
    assert failed["control_id"] == "kms-key-rotation"
    assert failed["frameworks"]["cis-v5.0.0"] == ["3.6"]
    assert failed["evidence"]["keys"][0]["RotationStatus"]["KeyRotationEnabled"] is False

    junit = ET.parse(suite.reports / "junit.xml").getroot()
    assert len(junit.findall(".//testcase")) == len(suite.results["results"])
    html = (suite.reports / "report.html").read_text()
    assert "Run record" in html and run["baseline_sha256"] in html and "kms-key-rotation" in html
    assert "automatic rotation is disabled" in html


def test_each_account_or_account_region_runs_on_one_worker(seeder, audit_roles, tmp_path, run_suite):
    baseline = write_baseline(tmp_path / "b.yaml", regions=["us-east-1", "eu-west-1", "eu-central-1"])
    suite = run_suite(*REGIONAL_AND_ACCOUNT, "-n", "2", baseline=baseline)
    workers = {}
    for result in suite.results["results"]:
        workers.setdefault(result["account_id"], set()).add(result["worker"])
    assert all(len(names) == 1 for names in workers.values()), workers
    assert suite.results["run"]["api"]["by_operation"]["sts:AssumeRole"] == 2  # once per account, on the controller

    split = run_suite(*REGIONAL_AND_ACCOUNT, "-n", "2", "--schedule-by", "region", baseline=baseline)
    workers = {}
    for result in split.results["results"]:
        workers.setdefault(result["account_id"], set()).add(result["worker"])
    assert all(len(names) == 2 for names in workers.values()), workers  # each account's regions on both workers
    assert split.outcomes() == suite.outcomes()
    assert split.results["run"]["api"]["repeated"] == 0
    assert split.results["run"]["api"]["by_operation"] == suite.results["run"]["api"]["by_operation"]


def test_the_header_shows_scope_and_unreachable_accounts(seeder, tmp_path, run_suite):
    seed_audit_roles(seeder, [PROD])
    suite = run_suite("--collect-only", baseline=write_baseline(tmp_path / "b.yaml"))
    assert "scope: 2 accounts, 4 account-regions; audit role ComplianceAudit assumed in 1" in suite.output
    assert f"UNREACHABLE {DEV}: cannot assume" in suite.output


def test_an_options_value_after_a_space_is_never_taken_for_a_test_path(audit_roles, tmp_path, local_aws):
    """Given as ``--reports-dir DIR``, an existing directory outside the
    repository once made pytest look for its ini file and conftest there,
    and reject the suite's options as unknown, on the workers above all."""
    reports = tmp_path / "existing"
    reports.mkdir()
    done = subprocess.run([str(ROOT / "run"), "--reports-dir", str(reports), "--baseline",
                           str(write_baseline(tmp_path / "b.yaml")), "--endpoint-url", local_aws.url, "-n", "2",
                           "-p", "no:cacheprovider", "-k", "test_iam_password_policy"],  # no test path: the default
                          cwd=tmp_path, env=offline_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert len(json.loads((reports / "results.json").read_text())["results"]) == 2
