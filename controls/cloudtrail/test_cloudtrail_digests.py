"""The log file validation chain is unbroken: digest files reach the archive every hour."""

import datetime
import re

import pytest

from compliance.evidence import Finding, root_arn

DIGEST_TIME = re.compile(r"_(\d{8}T\d{6}Z)\.json\.gz$")


def digest_times(keys):
    """The end times of the digest files, from their names, sorted."""
    return sorted(datetime.datetime.strptime(m.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
                  for key in keys if (m := DIGEST_TIME.search(key)))


def gaps(times, start, end, max_gap):
    """``(after, before)`` of every stretch longer than ``max_gap`` without a digest between start and end."""
    marks = [start] + [t for t in times if start <= t <= end] + [end]
    return [(a, b) for a, b in zip(marks, marks[1:]) if b - a > max_gap]


@pytest.mark.control("cloudtrail-digest-chain")
def test_cloudtrail_digest_chain(trail_digests, management_account, partition, params, now, evidence):
    evidence.record("digests", trail_digests)
    max_gap = datetime.timedelta(hours=params["max_gap_hours"])
    findings = [
        Finding(trail["TrailARN"],
                f"no digest file for account {account_id} from {after:%Y-%m-%d %H:%M} to {before:%Y-%m-%d %H:%M} UTC "
                f"({(before - after).total_seconds() / 3600:.0f} hours)",
                f"check the trail is logging with log file validation on, and that nothing deletes from "
                f"s3://{trail['Bucket']}; aws cloudtrail validate-logs shows where the chain breaks")
        for trail in trail_digests["Trails"] for account_id, keys in trail["Digests"].items()
        for after, before in gaps(digest_times(keys), trail_digests["WindowStart"], now, max_gap)
    ] or ([] if trail_digests["Trails"] else [Finding(
        root_arn(partition, management_account.id),
        "no organization trail with log file validation delivers to the log-archive account",
        "see cloudtrail-organization-trail")])
    evidence.verdict(findings)
