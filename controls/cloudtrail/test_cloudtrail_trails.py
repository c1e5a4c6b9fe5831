"""Every trail an account owns, not only the organization trail: encrypted
with KMS, validated log files, delivered to CloudWatch Logs."""

import datetime

import pytest

from compliance.evidence import Finding
from controls.cloudtrail.trail_rules import cloudwatch_delivery_problems


def trails_test(control, problems):
    """A control over the trails the account owns in the region: each trail's
    ``problems(trail, params, now)`` (``[(problem, fix)]``) are its findings."""
    @pytest.mark.control(control)
    def test(own_trails, params, now, evidence):
        evidence.record("trails", own_trails)
        evidence.verdict([Finding(t["TrailARN"], problem, fix)
                          for t in own_trails for problem, fix in problems(t, params, now)])
    return test


def unencrypted(trail, params, now):
    if trail.get("KmsKeyId"):
        return []
    return [("log files are encrypted with S3-managed keys only, not a KMS key",
             f"aws cloudtrail update-trail --name {trail['TrailARN']} --kms-key-id <customer-managed key>")]


def unvalidated(trail, params, now):
    if trail.get("LogFileValidationEnabled"):
        return []
    return [("log file validation is off", f"aws cloudtrail update-trail --name {trail['TrailARN']} "
                                            "--enable-log-file-validation")]


def undelivered(trail, params, now):
    return cloudwatch_delivery_problems(trail, datetime.timedelta(hours=params["max_delivery_age_hours"]), now)


test_cloudtrail_trails_encrypted = trails_test("cloudtrail-trails-encrypted", unencrypted)
test_cloudtrail_trails_log_validation = trails_test("cloudtrail-trails-log-validation", unvalidated)
test_cloudtrail_trails_cloudwatch = trails_test("cloudtrail-trails-cloudwatch", undelivered)
