"""Results as AWS Security Finding Format (ASFF) findings, for import into
AWS Security Hub (BatchImportFindings) or a SIEM.

One finding per offending resource of a failed or waived result (its
problems joined) (waived ones
carry Workflow SUPPRESSED and the waiver in a note), one PASSED finding per
passed result, one NOT_AVAILABLE finding per result that could not be read.
Ids are stable across runs, so a re-import updates rather than duplicates.

Compared with an earlier run (``--compare``), a failing finding carries
FirstObservedAt from the run that first saw it and the Workflow status of
the compared run's finding (NEW unless it was NEW or NOTIFIED), and each
resolved finding is sent once more under its Id, PASSED, Workflow RESOLVED
and archived.
"""

FILE = "findings.asff.json"
RESOURCE_TYPES = {
    ("s3", ""): "AwsS3Bucket",
    ("kms", "key"): "AwsKmsKey",
    ("ec2", "instance"): "AwsEc2Instance",
    ("rds", "db"): "AwsRdsDbInstance",
    ("cloudtrail", "trail"): "AwsCloudTrailTrail",
    ("iam", "root"): "AwsAccount",
}
SEVERITY = {"low": "LOW", "medium": "MEDIUM", "high": "HIGH", "critical": "CRITICAL"}
PRODUCT = "aws-compliance-suite"
# Workflow states a failing finding keeps from the compared run; after
# RESOLVED (it failed again) or SUPPRESSED (its waiver is gone) it is NEW.
CARRIED_WORKFLOW = ("NEW", "NOTIFIED")


def resource_type(arn):
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return "Other"
    kind = parts[5].split("/", 1)[0].split(":", 1)[0] if parts[2] != "s3" else ""
    return RESOURCE_TYPES.get((parts[2], kind), "Other")


def _requirements(record):
    return [f"{framework} {item}" for framework, items in sorted(record["frameworks"].items()) for item in items]


def _finding(record, run, resource, status, description, suffix, note=None):
    account = record["account_id"] or run["management_account"]
    region = record["region"] if record["region"] not in ("global", "organization") else run["home_region"]
    finding = {
        "SchemaVersion": "2018-10-08",
        "Id": f"{PRODUCT}/{record['control_id']}/{account}/{record['region']}/{resource}/{suffix}",
        "ProductArn": f"arn:{run['partition']}:securityhub:{region}:{account}:product/{account}/default",
        "GeneratorId": f"{PRODUCT}/{record['control_id']}",
        "AwsAccountId": account,
        "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
        "CreatedAt": run["started"],
        "UpdatedAt": run["finished"],
        "Severity": {"Label": SEVERITY[record["severity"]]},
        "Title": record["title"],
        "Description": description[:1024],
        "Resources": [{"Type": resource_type(resource), "Id": resource, "Region": region}],
        "Compliance": {"Status": status, "RelatedRequirements": _requirements(record)[:32]},
        "ProductFields": {"ControlId": record["control_id"], "NodeId": record["nodeid"][:2048]},
        "RecordState": "ACTIVE",
    }
    if note:
        finding["Workflow"] = {"Status": "SUPPRESSED"}
        finding["Note"] = {"Text": note[:512], "UpdatedBy": PRODUCT, "UpdatedAt": run["finished"]}
    return finding


def findings(records, run, previous=None, drift=None):
    """ASFF findings of ``records`` (results.json records). ``run`` gives
    started, finished, partition, home_region and management_account;
    ``previous`` the compared run's findings by Id and ``drift`` results.json's
    drift block, when the run was compared."""
    out = []
    for record in records:
        account_arn = f"arn:{run['partition']}:iam::{record['account_id'] or run['management_account']}:root"
        waived = {w["resource"]: w["waiver"] for w in record.get("waived", [])}
        if record["outcome"] in ("failed", "xfailed"):
            by_resource = {}
            for finding in record["findings"]:
                by_resource.setdefault(finding["resource"], []).append(finding)
            for resource, entries in by_resource.items():
                note = f"waived by {waived[resource]}" if resource in waived else None
                problems = " | ".join(f"{f['problem']}. Fix: {f['fix']}" for f in entries)
                finding = _finding(record, run, resource, "FAILED", problems, "failed", note)
                if drift is not None and not note:
                    _carry_forward(finding, entries[0], previous)
                out.append(finding)
        elif record["outcome"] == "error":
            out.append(_finding(record, run, account_arn, "NOT_AVAILABLE", record["message"], "error"))
        elif record["outcome"] in ("passed", "xpassed"):
            out.append(_finding(record, run, account_arn, "PASSED", f"{record['title']}: passed", "passed"))
    for resolved in (drift or {}).get("resolved_findings", []):
        finding = _finding(resolved, run, resolved["resource"], "PASSED", f"resolved: {resolved['problem']}", "failed")
        finding.update(FirstObservedAt=resolved["first_observed"], Workflow={"Status": "RESOLVED"},
                       RecordState="ARCHIVED")
        out.append(finding)
    return out


def _carry_forward(finding, entry, previous):
    finding["FirstObservedAt"] = entry["first_observed"]
    status = (previous or {}).get(finding["Id"], {}).get("Workflow", {}).get("Status")
    finding["Workflow"] = {"Status": status if status in CARRIED_WORKFLOW else "NEW"}
