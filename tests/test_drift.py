"""Drift between runs: identity of results and findings, new / still failing /
resolved / new resource, the gate on what is new, history and the overview."""

import copy
import datetime
import json
import re

import pytest

from compliance import asff, drift, framework_summary, overview
from compliance.demo.organization import create_key
from compliance.errors import ConfigurationError
from tests.conftest import DEV, PROD, write_baseline
from tests.test_commands import command

STARTED = datetime.datetime(2026, 12, 2, 2, 17, tzinfo=datetime.timezone.utc)
BEFORE = "2026-12-01T02:17:00+00:00"


def result(control, account, region, outcome, resources=(), name="prod", waived=(), severity="high",
           first_observed=None):
    label = f"{name}-{account}-{region}" if account else ""
    findings = [{"resource": r, "problem": f"{r} is wrong", "fix": "fix it",
                 **({"first_observed": first_observed} if first_observed else {})} for r in resources]
    return {"nodeid": f"controls/{control.split('-')[0]}/test_{control}.py::test_{control}" + (f"[{label}]" if label else ""),
            "control_id": control, "title": control, "severity": severity, "frameworks": {"cis-v5.0.0": ["1.1"]},
            "account_id": account, "account_name": name if account else None, "region": region,
            "outcome": outcome, "findings": findings, "waived": [{"resource": r, "waiver": "W-1"} for r in waived]}


def document(results, started=BEFORE, shard="1/1"):
    return {"run": {"started": started, "shard": shard, "baseline_sha256": "abc"}, "results": results,
            "frameworks": framework_summary.summarise({}, {}, results), "sources": ["previous/results.json"]}


def previous_results():
    return [
        result("kms-key-rotation", PROD, "eu-west-1", "failed", ["key/1", "key/2"], first_observed="2026-11-01T02:17:00+00:00"),
        result("kms-key-rotation", DEV, "eu-west-1", "failed", ["key/3"], name="dev"),
        result("iam-password-policy", PROD, "global", "passed"),
        result("iam-root-mfa", DEV, "global", "error", name="dev"),
        result("iam-user-mfa", PROD, "global", "failed", ["user/a"]),
        result("s3-tls-only", PROD, "global", "failed", ["bucket/b"]),
        result("cloudtrail-organization-trail", None, "organization", "failed", ["trail/t"]),
    ]


def current_results():
    return [
        result("kms-key-rotation", PROD, "eu-west-1", "failed", ["key/2", "key/4", "key/4"]),  # key/4: two problems
        result("kms-key-rotation", DEV, "eu-west-1", "passed", name="dev"),
        result("iam-password-policy", PROD, "global", "failed", ["root"]),
        result("iam-user-mfa", PROD, "global", "failed", ["user/a"], waived=["user/a"]),  # waived now
        result("s3-tls-only", PROD, "global", "xfailed", ["bucket/b"], waived=["bucket/b"]),
        result("cloudtrail-organization-trail", None, "organization", "failed", ["trail/t"]),
        result("kms-key-rotation", PROD, "us-east-1", "failed", ["key/9"]),  # a region not checked before
    ]


def tags(records):
    return {(r["control_id"], r["account_id"], r["region"]): r["drift"] for r in records}


def finding_tags(records):
    return {f["resource"]: f["drift"] for r in records for f in r["findings"] if "drift" in f}


def test_new_resolved_and_still_failing_on_a_prepared_pair():
    records = current_results()
    block = drift.compare(records, document(previous_results()), STARTED)

    assert tags(records) == {
        ("kms-key-rotation", PROD, "eu-west-1"): drift.STILL_FAILING,
        ("kms-key-rotation", DEV, "eu-west-1"): drift.RESOLVED,
        ("iam-password-policy", PROD, "global"): drift.NEW,
        ("iam-user-mfa", PROD, "global"): drift.STILL_FAILING,  # failed, all its findings waived now
        ("s3-tls-only", PROD, "global"): drift.RESOLVED,  # waived: no longer failing
        ("cloudtrail-organization-trail", None, "organization"): drift.STILL_FAILING,
        ("kms-key-rotation", PROD, "us-east-1"): drift.NEW_RESOURCE,
    }
    assert finding_tags(records) == {"key/2": drift.STILL_FAILING, "key/4": drift.NEW, "root": drift.NEW,
                                     "trail/t": drift.STILL_FAILING, "key/9": drift.NEW_RESOURCE}
    resolved = {(f["control_id"], f["resource"]) for f in block["resolved_findings"]}
    assert resolved == {("kms-key-rotation", "key/1"), ("kms-key-rotation", "key/3")}  # waived ones are not resolved
    assert block["findings"] == {drift.NEW: 2, drift.STILL_FAILING: 2, drift.RESOLVED: 2, drift.NEW_RESOURCE: 1}
    assert block["results"][drift.UNCHANGED] == 0 and block["since"] == BEFORE
    first = {f["resource"]: f["first_observed"] for r in records for f in r["findings"] if "first_observed" in f}
    assert first["key/2"] == "2026-11-01T02:17:00+00:00"  # carried from the compared run
    assert first["trail/t"] == BEFORE  # seen in the compared run, which kept no date: its start
    assert first["key/4"] == first["key/9"] == "2026-12-02T02:17:00+00:00"
    old = next(f for f in block["resolved_findings"] if f["resource"] == "key/1")
    assert old["first_observed"] == "2026-11-01T02:17:00+00:00"


def test_first_observed_is_carried_through_a_chain_of_runs():
    first = current_results()
    drift.compare(first, document(previous_results()), STARTED)
    later = copy.deepcopy(first)
    drift.compare(later, {**document(first, started=STARTED.isoformat())}, STARTED + datetime.timedelta(days=1))
    observed = {f["resource"]: f["first_observed"] for r in later for f in r["findings"] if "drift" in f}
    assert observed["trail/t"] == BEFORE and observed["key/4"] == STARTED.isoformat(timespec="seconds")
    assert set(finding_tags(later).values()) == {drift.STILL_FAILING}


def test_identity_survives_reordering_renamed_accounts_and_shards(tmp_path):
    expected = current_results()
    drift.compare(expected, document(previous_results()), STARTED)

    reordered = list(reversed(current_results()))
    drift.compare(reordered, document(list(reversed(previous_results()))), STARTED)
    assert tags(reordered) == tags(expected) and finding_tags(reordered) == finding_tags(expected)

    renamed = [result(r["control_id"], r["account_id"], r["region"], r["outcome"],
                      [f["resource"] for f in r["findings"]], name="payments",
                      waived=[w["resource"] for w in r["waived"]]) for r in current_results()]
    assert all("payments-" in r["nodeid"] for r in renamed if r["account_id"])
    drift.compare(renamed, document(previous_results()), STARTED)
    assert tags(renamed) == tags(expected) and finding_tags(renamed) == finding_tags(expected)

    previous = previous_results()
    for index, (results, started) in enumerate([(previous[::2], "2026-12-01T02:17:00+00:00"),
                                                (previous[1::2], "2026-12-01T02:19:30+00:00")], start=1):
        (tmp_path / f"shard-{index}").mkdir()
        (tmp_path / f"shard-{index}" / "results.json").write_text(
            json.dumps(document(results, started, f"{index}/2")))
    (runs,) = [drift.load_runs(tmp_path)]
    assert len(runs) == 1 and len(runs[0]["results"]) == len(previous)
    sharded = current_results()
    block = drift.compare(sharded, runs[0], STARTED)
    assert tags(sharded) == tags(expected) and finding_tags(sharded) == finding_tags(expected)
    assert block["since"] == BEFORE


def test_a_directory_of_runs_is_history_oldest_first(tmp_path):
    for day in (3, 1, 2):
        folder = tmp_path / f"run-{day}"
        folder.mkdir()
        records = previous_results()[:day + 1]
        (folder / "results.json").write_text(json.dumps(document(records, f"2026-11-0{day}T02:17:00+00:00")))
    runs = drift.load_runs(tmp_path)
    assert [r["run"]["started"][:10] for r in runs] == ["2026-11-01", "2026-11-02", "2026-11-03"]
    assert "results" not in runs[0] and len(runs[-1]["results"]) == 4  # only the compared run keeps its results
    current = document(current_results(), STARTED.isoformat())
    points = drift.history(runs, current, limit=3)
    assert [p["started"][:10] for p in points] == ["2026-11-02", "2026-11-03", "2026-12-02"]
    # prod in the 3-result run: kms failed, password policy passed
    assert points[0]["accounts"][PROD] == 50.0 and points[0]["accounts"][DEV] == 0.0
    assert points[-1]["accounts"]["organization"] == 0.0


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing", "no such file or directory"),
    (lambda d: d, "the directory holds no results.json"),
    (lambda d: (d / "results.json").write_text('{"run": {}}') and d / "results.json",
     "not a results.json of this suite"),
    (lambda d: (d / "x.json").write_text("not json") and d / "x.json", "not a results.json of this suite"),
])
def test_bad_compare_input_is_refused_clearly(tmp_path, make, message):
    with pytest.raises(ConfigurationError, match=message):
        drift.load_runs(make(tmp_path))


def write_compared(tmp_path, **changes):
    records = current_results()
    block = drift.compare(records, document(previous_results()), STARTED)
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"run": {"started": STARTED.isoformat()}, "results": records, "drift": block, **changes}))
    return path


def test_the_gate_fails_only_on_regressions_at_or_above_the_floor(tmp_path):
    path = write_compared(tmp_path)
    done = command("gate", str(path), "--fail-on", "new")
    assert done.returncode == 1, done.stdout + done.stderr
    assert ("NEW          high     controls/kms/test_kms-key-rotation.py::test_kms-key-rotation"
            f"[prod-{PROD}-eu-west-1] key/4") in done.stdout
    assert f"NEW RESOURCE high     controls/kms/test_kms-key-rotation.py::test_kms-key-rotation[prod-{PROD}-us-east-1] key/9" in done.stdout
    assert "3 new at severity low or above since" in done.stdout  # key/4, root, key/9
    assert command("gate", str(path), "--fail-on", "new", "--min-severity", "critical").returncode == 0
    assert command("gate", str(path), "--fail-on", "high").returncode == 1  # failures at high, new or not
    mixed = command("gate", str(path), "--fail-on", "high", "--min-severity", "low")
    assert mixed.returncode == 2 and "--min-severity goes with --fail-on new" in mixed.stderr


def test_the_gate_on_new_needs_a_compared_run(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"run": {}, "results": []}))
    done = command("gate", str(path), "--fail-on", "new")
    assert done.returncode == 2 and "run the suite with --compare=PREVIOUS_RESULTS_JSON" in done.stderr


def test_a_newly_errored_result_is_a_regression():
    records = [result("iam-root-mfa", DEV, "global", "error", name="dev"),  # erred before too
               result("iam-user-mfa", PROD, "global", "error"),  # failed before
               result("iam-password-policy", PROD, "global", "error")]  # passed before
    drift.compare(records, document(previous_results()), STARTED)
    found = drift.regressions(records, "low", ["low", "medium", "high", "critical"])
    assert [(r["control_id"], resource, tag) for r, resource, tag in found] == [("iam-password-policy", None, "new")]


def test_asff_carries_workflow_and_first_observed_and_archives_resolved():
    records = current_results()
    block = drift.compare(records, document(previous_results()), STARTED)
    run = {"started": STARTED.isoformat(), "finished": STARTED.isoformat(), "partition": "aws",
           "home_region": "us-east-1", "management_account": "123456789012"}
    key2 = f"{asff.PRODUCT}/kms-key-rotation/{PROD}/eu-west-1/key/2/failed"
    findings = {f["Id"]: f for f in asff.findings(records, run, {key2: {"Workflow": {"Status": "NOTIFIED"}}}, block)}
    assert findings[key2]["Workflow"] == {"Status": "NOTIFIED"} and findings[key2]["FirstObservedAt"] == "2026-11-01T02:17:00+00:00"
    key4 = key2.replace("key/2", "key/4")
    assert findings[key4]["Workflow"] == {"Status": "NEW"}
    key1 = findings[key2.replace("key/2", "key/1")]
    assert (key1["Workflow"], key1["RecordState"], key1["Compliance"]["Status"]) == (
        {"Status": "RESOLVED"}, "ARCHIVED", "PASSED")
    waived = next(f for f in findings.values() if "bucket/b" in f["Id"])
    assert waived["Workflow"] == {"Status": "SUPPRESSED"}


def numbers(html_text, attribute):
    return [int(n) for n in re.findall(rf"{attribute}='[^']*'>(\d+)<", html_text)]


def test_the_overviews_numbers_equal_the_results():
    records = current_results()
    current = document(records, STARTED.isoformat())
    current["drift"] = drift.compare(records, document(previous_results()), STARTED)
    current["history"] = drift.history([document(previous_results())], current, 10)
    page = overview.overview_html(current)

    for framework, summary in current["frameworks"].items():
        block = page.split(f"data-framework='{framework}'", 1)[1].split("</div></div>", 1)[0]
        shown = dict(re.findall(r"data-status='([^']+)'>(\d+)<", block))
        assert {s: int(n) for s, n in shown.items()} == {s: summary["counts"][s] for s in overview.STATUSES}
    cells = [int(n) for n in re.findall(r"data-failing='(\d+)'", page)]
    assert sum(cells) == sum(1 for r in records if r["outcome"] in ("failed", "error"))
    figures = dict(re.findall(r"data-drift='([^']+)'>(\d+)<", page))
    assert {k: int(v) for k, v in figures.items()} == current["drift"]["findings"]
    assert "Trend: 2 runs" in page and page.count("<tr><th>") >= 3
    assert "<td><a href='#control-kms-key-rotation'>kms-key-rotation</a></td><td>high</td><td class='num'>2 of 3</td>" in page


def test_a_compared_run_tags_results_everywhere(seeder, audit_roles, tmp_path, run_suite):
    """Two runs of the suite: the second, compared with the first, sees a key
    fixed and another broken, in the terminal, results.json, ASFF and HTML."""
    fixed = create_key(seeder, DEV, "eu-west-1", "to-fix")
    baseline = write_baseline(tmp_path / "b.yaml")
    first = run_suite("controls/kms", baseline=baseline)
    assert first.returncode == 1, first.output
    seeder.client("kms", DEV, "eu-west-1").enable_key_rotation(KeyId=fixed)
    broken = create_key(seeder, PROD, "us-east-1", "new-and-unrotated")

    second = run_suite("controls/kms", f"--compare={first.reports}", baseline=baseline)

    assert second.returncode == 1, second.output
    assert re.search(r"since \S+: 1 new, 1 resolved, 0 still failing", second.output)
    assert second.output.index(f"NEW          medium   kms-key-rotation {PROD} us-east-1") < second.output.index(
        f"RESOLVED     medium   kms-key-rotation {DEV} eu-west-1")
    results = second.results
    assert results["drift"]["since"] == first.results["run"]["started"]
    assert {(r["account_id"], r["region"]): r["drift"] for r in results["results"]} == {
        (PROD, "us-east-1"): "new", (DEV, "eu-west-1"): "resolved", (PROD, "eu-west-1"): "unchanged",
        (DEV, "us-east-1"): "unchanged"}
    assert [p["started"] for p in results["history"]] == [first.results["run"]["started"],
                                                          results["run"]["started"]]
    findings = json.loads((second.reports / "findings.asff.json").read_text())
    by_state = {(f["Workflow"]["Status"], f["Resources"][0]["Id"].rsplit("/", 1)[-1]) for f in findings if "Workflow" in f}
    assert by_state == {("NEW", broken), ("RESOLVED", fixed)}
    page = (second.reports / "report.html").read_text()
    assert "<section id='overview'" in page and page.index("<section id='overview'") < page.index("<h2>Run record</h2>")
    assert "<h2 id='changes'>Changes since" in page and broken in page
    gate = command("gate", str(second.reports / "results.json"), "--fail-on", "new", "--min-severity", "medium")
    assert gate.returncode == 1 and broken in gate.stdout


def test_the_demo_on_the_next_day_shows_fixed_and_new_findings(run_suite, tmp_path):
    controls = ("controls/kms", "controls/iam/test_iam_password_policy.py", "controls/network/test_security_groups.py")
    first = run_suite(*controls, "--demo", "-n", "0", endpoint=False)
    second = run_suite(*controls, "--demo", "-n", "0", "--demo-variant=next-day", f"--compare={first.reports}",
                       endpoint=False)

    assert first.returncode == second.returncode == 1, second.output
    changes = {(tag, record["control_id"], record["account_name"])
               for tag, record, _, _ in drift.changed_findings(second.results)}
    ports = ("security-group-admin-ports", "security-group-high-risk-ports", "security-group-authorized-ports")
    assert changes == {("new", "kms-key-rotation", "prod"), ("resolved", "iam-password-policy", "prod"),
                       *{("new", control, "prod") for control in ports},
                       *{("resolved", control, "dev") for control in ports}}
    assert len(second.results["history"]) == 2
    unknown = run_suite(*controls, "--demo", "--demo-variant=someday", endpoint=False)
    assert unknown.returncode == 4 and "--demo-variant=someday: choose one of first-day, next-day" in unknown.output


def test_a_bad_compare_stops_the_run_before_it_starts(tmp_path, run_suite):
    (tmp_path / "empty").mkdir()
    suite = run_suite("controls/kms", f"--compare={tmp_path / 'empty'}", baseline=write_baseline(tmp_path / "b.yaml"))
    assert suite.returncode == 4 and "the directory holds no results.json" in suite.output
