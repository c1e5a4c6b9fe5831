"""The organization trail's archive replicates out of harm's way: to another
region and/or account, without delete markers, into an Object-Locked bucket."""

import pytest

from compliance.evidence import Finding, root_arn
from compliance.inventory.s3 import bucket_name

REPLICATE = ("aws s3api put-bucket-replication --bucket {bucket} --replication-configuration "
             "'{{\"Role\":\"<replication role ARN>\",\"Rules\":[{{\"ID\":\"archive-copy\",\"Status\":\"Enabled\","
             "\"Priority\":1,\"Filter\":{{}},\"DeleteMarkerReplication\":{{\"Status\":\"Disabled\"}},"
             "\"Destination\":{{\"Bucket\":\"<Object-Locked bucket ARN {where}>\"}}}}]}}'")
WHERE = {"region": "in another region", "account": "in another account",
         "region_and_account": "in another account and region"}


def replicates_everything(rule):
    """True when the rule selects every object: no filter (V1 with an empty
    Prefix) or a filter without a prefix or tags."""
    selector = rule.get("Filter")
    if selector is None:
        return not rule.get("Prefix")
    conditions = selector.get("And", selector)
    return not conditions.get("Prefix") and not conditions.get("Tag") and not conditions.get("Tags")


def destination_problems(bucket, name, destination, elsewhere):
    if "Unreadable" in destination:
        return [f"its replica bucket {name} is not judged: {destination['Unreadable']}"]
    problems = []
    if elsewhere in ("region", "region_and_account") and destination["Region"] == bucket["Region"]:
        problems.append(f"its replica bucket {name} is in the same region ({bucket['Region']})")
    if elsewhere in ("account", "region_and_account") and destination["Account"] == bucket["Account"]:
        problems.append(f"its replica bucket {name} is in the same account ({bucket['Account']})")
    if (destination["ObjectLock"] or {}).get("ObjectLockEnabled") != "Enabled":
        problems.append(f"its replica bucket {name} does not have Object Lock enabled")
    return problems


def archive_problems(bucket, elsewhere):
    rules = [r for r in (bucket["Replication"] or {}).get("Rules", []) if r.get("Status") == "Enabled"]
    if not rules:
        return ["the archive does not replicate"]
    problems = []
    for rule in rules:
        label = f"replication rule {rule.get('ID', '(unnamed)')}"
        if not replicates_everything(rule):
            problems.append(f"{label} copies only part of the archive (filter {rule.get('Filter', rule.get('Prefix'))})")
        # A rule without DeleteMarkerReplication is a V1 rule (no Filter), which replicates delete markers.
        if (rule.get("DeleteMarkerReplication") or {}).get("Status") != "Disabled":
            problems.append(f"{label} replicates delete markers, so deleting from the archive deletes from the copy")
        name = bucket_name(rule["Destination"]["Bucket"])
        problems += destination_problems(bucket, name, bucket["Destinations"][name], elsewhere)
    return problems


@pytest.mark.control("cloudtrail-archive-replication")
def test_cloudtrail_archive_replication(trail_archive_replication, management_account, partition, params, evidence):
    evidence.record("archive_buckets", trail_archive_replication)
    elsewhere = params["replicate_to"]
    findings = [
        Finding(f"arn:{partition}:s3:::{bucket['Bucket']}", problem,
                REPLICATE.format(bucket=bucket["Bucket"], where=WHERE[elsewhere]))
        for bucket in trail_archive_replication for problem in archive_problems(bucket, elsewhere)
    ]
    if not trail_archive_replication:
        findings.append(Finding(root_arn(partition, management_account.id),
                                "no organization trail delivers to a bucket of the log-archive account",
                                "create the organization trail with a log-archive bucket as its destination"))
    evidence.verdict(findings)
