"""An organization trail logs every region's management events, validated and
KMS-encrypted, to a bucket of the log-archive account."""

import pytest

from compliance.evidence import Finding, root_arn
from controls.cloudtrail.trail_rules import (
    REQUIRED_DATA_EVENTS,
    management_event_kinds,
    s3_data_event_kinds,
)


def trail_problems(trail, required_data_events):
    """(problem, fix) for each requirement the trail misses."""
    arn = trail["TrailARN"]
    problems = []
    if not trail.get("IsMultiRegionTrail"):
        problems.append(("it records one region only", f"aws cloudtrail update-trail --name {arn} --is-multi-region-trail"))
    if not trail["Status"].get("IsLogging"):
        problems.append(("it is not logging", f"aws cloudtrail start-logging --name {arn}"))
    if not trail.get("LogFileValidationEnabled"):
        problems.append(("log file validation is off", f"aws cloudtrail update-trail --name {arn} --enable-log-file-validation"))
    key = trail["Key"]
    encrypt = f"aws cloudtrail update-trail --name {arn} --kms-key-id <customer-managed key ARN>"
    if not trail.get("KmsKeyId"):
        problems.append(("logs are not encrypted with a KMS key", encrypt))
    elif key is None:
        problems.append((f"its KMS key {trail['KmsKeyId']} is in an account outside the scope, so it cannot be "
                         "confirmed customer-managed and enabled", "add the key's account to the scope"))
    elif key["KeyManager"] != "CUSTOMER" or key["KeyState"] != "Enabled":
        problems.append((f"its KMS key is {key['KeyManager']}-managed in state {key['KeyState']}", encrypt))
    missing = {"read", "write"} - management_event_kinds(trail["Selectors"])
    if missing:
        problems.append((f"management {' and '.join(sorted(missing))} events are not all recorded",
                         f"aws cloudtrail put-event-selectors --trail-name {arn} with ReadWriteType All and IncludeManagementEvents true"))
    missing = REQUIRED_DATA_EVENTS[required_data_events] - s3_data_event_kinds(trail["Selectors"])
    if missing:
        problems.append((f"S3 data {' and '.join(sorted(missing))} events for all buckets are not recorded (baseline requires {required_data_events})",
                         f"aws cloudtrail put-event-selectors --trail-name {arn} with a DataResource AWS::S3::Object for arn:aws:s3"))
    if trail["BucketOwner"] != "log-archive":
        where = "the management account" if trail["BucketOwner"] == "management" else "an account other than the log-archive account"
        problems.append((f"it delivers to bucket {trail['S3BucketName']} in {where}",
                         "deliver to an Object-Locked bucket in the log-archive account"))
    return problems


@pytest.mark.control("cloudtrail-organization-trail")
def test_cloudtrail_organization_trail(organization_trails, management_account, partition, params, evidence):
    evidence.record("organization_trails", organization_trails)
    judged = {t["TrailARN"]: trail_problems(t, params["s3_data_events"]) for t in organization_trails}
    if any(not problems for problems in judged.values()):
        return
    findings = [Finding(arn, problem, fix) for arn, problems in judged.items() for problem, fix in problems]
    if not organization_trails:
        findings = [Finding(
            root_arn(partition, management_account.id),
            "the management account has no organization trail",
            "aws cloudtrail create-trail --is-organization-trail --is-multi-region-trail ... from the management account",
        )]
    evidence.verdict(findings)
