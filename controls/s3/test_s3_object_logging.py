"""Every bucket's object-level write and read events are recorded by a logging trail."""

import pytest

from compliance.evidence import Finding
from controls.cloudtrail.trail_rules import s3_data_event_kinds


def unlogged_buckets(s3_object_logging, partition, kind):
    """Findings for buckets whose object-level ``kind`` events no logging trail records."""
    findings = []
    for bucket in s3_object_logging["Buckets"]:
        bucket_arn = f"arn:{partition}:s3:::{bucket['Bucket']}"
        trails = s3_object_logging["TrailsByRegion"][bucket["Region"]]
        if any(t["Status"].get("IsLogging") and kind in s3_data_event_kinds(t.get("Selectors", {}), bucket_arn)
               for t in trails):
            continue
        unread = [f"{t['TrailARN']}: {t['Unreadable']}" for t in trails if "Unreadable" in t]
        findings.append(Finding(
            bucket_arn, f"no logging trail records its object-level {kind} events"
                        + (f" (not judged: {'; '.join(unread)})" if unread else ""),
            "add S3 data events for the bucket (or all buckets) to a multi-region trail: aws cloudtrail "
            "put-event-selectors --advanced-event-selectors with eventCategory Data, resources.type "
            f"AWS::S3::Object and readOnly {'false' if kind == 'write' else 'true'} (or no readOnly field)"))
    return findings


@pytest.mark.control("s3-object-write-logging")
def test_s3_object_write_logging(s3_object_logging, partition, evidence):
    evidence.record("object_logging", s3_object_logging)
    findings = unlogged_buckets(s3_object_logging, partition, "write")
    evidence.verdict(findings)


@pytest.mark.control("s3-object-read-logging")
def test_s3_object_read_logging(s3_object_logging, partition, evidence):
    evidence.record("object_logging", s3_object_logging)
    findings = unlogged_buckets(s3_object_logging, partition, "read")
    evidence.verdict(findings)
