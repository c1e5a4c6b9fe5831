"""Evidence reports: per-framework reading, ASFF export, integrity manifest."""

import json
import subprocess
import sys
from html import unescape

from compliance import asff, framework_summary
from compliance.demo.organization import create_key
from fixtures.html_report import PASSED_RESULTS, TABLE_EVIDENCE
from tests.conftest import DEV, PROD, ROOT, write_baseline

ASFF_REQUIRED = {"SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt",
                 "UpdatedAt", "Severity", "Title", "Description", "Resources"}


def record(outcome, frameworks, control="c", **extra):
    return {"outcome": outcome, "frameworks": frameworks, "control_id": control, **extra}


def test_the_worst_result_decides_a_framework_item():
    records = [
        record("passed", {"cis-v5.0.0": ["3.6"]}, "a"),
        record("failed", {"cis-v5.0.0": ["3.6"]}, "b"),
        record("xfailed", {"cis-v5.0.0": ["1.7"]}),
        record("error", {"cis-v5.0.0": ["1.8"]}),
        record("passed", {"cis-v5.0.0": ["1.8"]}),
        record("skipped", {"cis-v5.0.0": ["3.2"]}),
        record("xpassed", {"pci-dss-v4.0": ["3.6.1"]}),
    ]
    summary = framework_summary.summarise({"cis-v5.0.0": {"1.1": "a person must judge"}},
                                          {"aws-fsbp": {"WAF.1": "WAF Classic; retired"}}, records)
    items = summary["cis-v5.0.0"]["items"]
    assert items["3.6"] == {"status": "failed", "controls": ["a", "b"]}
    assert items["1.7"]["status"] == "waived" and items["1.8"]["status"] == "errored"
    assert items["3.2"]["status"] == "not assessed"  # a skip decides nothing
    assert items["1.1"] == {"status": "manual", "controls": [], "why": "a person must judge"}
    assert summary["pci-dss-v4.0"]["items"]["3.6.1"]["status"] == "passed"
    assert summary["aws-fsbp"]["items"]["WAF.1"] == {"status": "retired", "controls": [], "why": "WAF Classic; retired"}
    assert summary["aws-fsbp"]["counts"]["retired"] == 1
    counts = summary["cis-v5.0.0"]["counts"]
    assert (counts["failed"], counts["waived"], counts["errored"], counts["manual"]) == (1, 1, 1, 1)
    assert sum(counts.values()) == len(items)


def test_asff_resource_types():
    assert asff.resource_type("arn:aws:s3:::bucket") == "AwsS3Bucket"
    assert asff.resource_type("arn:aws:kms:eu-west-1:111122223333:key/k") == "AwsKmsKey"
    assert asff.resource_type("arn:aws:ec2:eu-west-1:111122223333:instance/i-1") == "AwsEc2Instance"
    assert asff.resource_type("arn:aws:rds:eu-west-1:111122223333:db:orders") == "AwsRdsDbInstance"
    assert asff.resource_type("arn:aws:iam::111122223333:root") == "AwsAccount"
    assert asff.resource_type("bundle.pem: certificate CN=x") == "Other"


def test_a_run_writes_asff_and_a_manifest_that_detects_any_change(seeder, audit_roles, tmp_path, run_suite):
    create_key(seeder, DEV, "eu-west-1", "no-rotation")
    create_key(seeder, PROD, "eu-west-1", "waived")
    baseline = write_baseline(tmp_path / "b.yaml", waivers=[{
        "id": "W-1", "control": "kms-key-rotation", "account": PROD, "reason": "accepted for the test",
        "owner": "team", "ticket": "SEC-1", "approved": "2026-01-01", "expires": "2099-01-01"}])
    suite = run_suite("controls/kms", "controls/iam", baseline=baseline)

    findings = json.loads((suite.reports / "findings.asff.json").read_text())
    assert all(ASFF_REQUIRED <= set(f) for f in findings)
    assert len({f["Id"] for f in findings}) == len(findings)
    statuses = {(f["Resources"][0]["Type"], f["Compliance"]["Status"], f.get("Workflow", {}).get("Status"))
                for f in findings}
    assert ("AwsKmsKey", "FAILED", None) in statuses and ("AwsKmsKey", "FAILED", "SUPPRESSED") in statuses
    assert ("AwsAccount", "PASSED", None) in statuses
    kms = next(f for f in findings if f["GeneratorId"].endswith("/kms-key-rotation"))
    assert {"cis-v5.0.0 3.6", "cis-v7.0.0 4.6", "pci-dss-v4.0 3.6.1"} <= set(kms["Compliance"]["RelatedRequirements"])

    verify = [sys.executable, "-m", "compliance", "verify-reports", str(suite.reports)]
    assert subprocess.run(verify, cwd=ROOT, capture_output=True).returncode == 0
    names = sorted(p.name for p in suite.reports.iterdir() if p.name != "manifest.json")
    assert names == ["findings.asff.json", "junit.xml", "report.html", "results.json"]
    for name in names:
        path = suite.reports / name
        original = path.read_bytes()
        path.write_bytes(original[:100] + bytes([original[100] ^ 1]) + original[101:])
        done = subprocess.run(verify, cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 1 and f"MISMATCH {name}: changed since the run" in done.stdout
        path.write_bytes(original)
    (suite.reports / "extra.txt").write_text("slipped in")
    done = subprocess.run(verify, cwd=ROOT, capture_output=True, text=True)
    assert "MISMATCH extra.txt: not in the manifest" in done.stdout
    assert "manifest: " in suite.output and "(sha256 " in suite.output


def test_the_html_report_reads_per_framework(seeder, audit_roles, tmp_path, run_suite):
    create_key(seeder, DEV, "eu-west-1", "no-rotation")
    suite = run_suite("controls/kms", baseline=write_baseline(tmp_path / "b.yaml"))
    html = (suite.reports / "report.html").read_text()
    assert "<h2>Frameworks</h2>" in html and "CIS AWS Foundations v7.0.0: item by item" in html
    frameworks = suite.results["frameworks"]
    assert frameworks["cis-v5.0.0"]["items"]["3.6"] == {"status": "failed", "controls": ["kms-key-rotation"]}
    assert frameworks["cis-v7.0.0"]["items"]["4.6"]["status"] == "failed"
    assert frameworks["pci-dss-v4.0"]["items"]["3.7.4"]["status"] == "failed"


def _table_rows(html):
    """The rows of pytest-html's results table: its data blob, decoded."""
    blob = html.split('data-jsonblob="', 1)[1].split('"></div>', 1)[0]
    data = json.loads(unescape(blob))
    return [row for rows in data["tests"].values() for row in rows]


def test_passed_results_are_plain_html_and_the_table_holds_the_rest(seeder, audit_roles, tmp_path, run_suite):
    rotated = create_key(seeder, DEV, "eu-west-1", "rotated", rotation_days=365)
    unrotated = create_key(seeder, DEV, "us-east-1", "unrotated")
    suite = run_suite("controls/kms", baseline=write_baseline(tmp_path / "b.yaml"))
    html = (suite.reports / "report.html").read_text()
    passed_section, evidence_section = html.split("<h2>Passed results</h2>", 1)[1].split(
        "<h2>Evidence of the results in the table</h2>", 1)
    evidence_section = evidence_section.split('<table id="results-table">', 1)[0]
    assert f"{DEV}-eu-west-1" in passed_section and rotated in passed_section  # the passed result, with its evidence
    assert unrotated not in passed_section
    assert PASSED_RESULTS not in html and TABLE_EVIDENCE not in html  # each written in place of its placeholder
    rows = _table_rows(html)
    assert {row["result"] for row in rows} == {"Failed"}
    failed = next(row for row in rows if f"{DEV}-us-east-1" in row["testId"])
    assert unrotated in failed["extras"][0]["content"] and "Offending resources" in failed["extras"][0]["content"]
    # its evidence is outside pytest-html's table data, where the row's link leads
    assert f"href='#evidence-{failed['testId']}'" in failed["extras"][0]["content"]
    assert f"id='evidence-{failed['testId']}'" in evidence_section and unrotated in evidence_section
    assert rotated not in evidence_section
    assert failed["log"] == ""  # its findings say it all; the traceback would repeat them
    outcomes = {r["outcome"] for r in suite.results["results"]}
    assert f"<b>{len(suite.results['results'])} results:</b>" in html and outcomes == {"passed", "failed"}
