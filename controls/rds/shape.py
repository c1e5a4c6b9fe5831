"""The shape RDS and Aurora, Neptune and DocumentDB share: one API (the RDS
API), the same clusters, instances and snapshots with the same settings. The
plain functions here read and judge that shape once; each service's control
is a short statement over it: which resources, which problem, which fix.

Settings such as deletion protection, IAM authentication or copying tags to
snapshots are off unless they were turned on (AWS's documented default), so
a member AWS left out reads as off: a finding, never a pass."""

import fnmatch
import json

from compliance.evidence import Finding
from controls.judging import judge_each, settings
from controls.shapes import required

CLI = {"neptune": "neptune", "docdb": "docdb"}  # the AWS CLI command of each engine's service; every other: rds


def judge_databases(evidence, fleet, keys, problem, fix):
    """Judge each cluster of ``fleet`` and each instance outside a cluster
    (a cluster's members take such settings from their cluster)."""
    judge_clusters_and_instances(evidence, fleet["clusters"], standalone(fleet), keys, problem, fix)


def judge_clusters_and_instances(evidence, clusters, instances, keys, problem, fix):
    """Record ``keys`` of each of ``clusters`` and ``instances``, then a
    finding for each for which ``problem`` names one, fixed as ``fix`` says."""
    findings = []
    for name, arn, resources in (("clusters", "DBClusterArn", clusters), ("instances", "DBInstanceArn", instances)):
        evidence.record(name, settings(resources, (arn, "Engine", *keys)))
        findings += [Finding(r[arn], p, fix(r)) for r in resources if (p := problem(r))]
    evidence.verdict(findings)


def judge_clusters(evidence, fleet, keys, problem, fix):
    """``judge_each`` over the clusters of ``fleet``."""
    judge_each(evidence, "clusters", fleet["clusters"], ("DBClusterArn", "Engine", *keys), problem, fix)


def judge_instances(evidence, instances, keys, problem, fix):
    """``judge_each`` over DB instances."""
    judge_each(evidence, "instances", instances, ("DBInstanceArn", "Engine", *keys), problem, fix)


def judge_snapshots(evidence, snapshots, problem, fix):
    """``judge_each`` over manual snapshots (see compliance.inventory.rds.manual_snapshots)."""
    judge_each(evidence, "snapshots", snapshots, ("Arn", "Engine", "Encrypted", "RestorableBy"), problem, fix)


def standalone(fleet):
    """The instances of ``fleet`` that belong to no cluster."""
    return [db for db in fleet["instances"] if not db.get("DBClusterIdentifier")]


def of_engines(fleet, patterns):
    """``fleet`` with only the resources whose engine matches one of ``patterns`` (fnmatch)."""
    return {kind: [r for r in found if any(fnmatch.fnmatchcase(r["Engine"], p) for p in patterns)]
            for kind, found in fleet.items()}


def by_engine(table, engine):
    """The value of the first key of ``table`` (an fnmatch pattern such as
    ``oracle-*``) that matches ``engine``; None when none does."""
    return next((value for pattern, value in table.items() if fnmatch.fnmatchcase(engine, pattern)), None)


def cli(resource):
    """The AWS CLI command of the resource's service (rds, neptune or docdb)."""
    return CLI.get(resource["Engine"], "rds")


def _kind(resource):
    return "cluster" if "DBClusterArn" in resource else "instance"


def identifier(resource):
    return resource["DBClusterIdentifier" if _kind(resource) == "cluster" else "DBInstanceIdentifier"]


def modify(options):
    """The fix ``aws <service> modify-db-cluster`` (or ``modify-db-instance``) with ``options``."""
    def fix(resource):
        kind = _kind(resource)
        return (f"aws {cli(resource)} modify-db-{kind} --db-{kind}-identifier "
                f"{identifier(resource)} {options} --apply-immediately")
    return fix


def retention_below(days, member="BackupRetentionPeriod", kept="automated backups"):
    """A problem when the ``kept`` (whose retention in days is ``member``)
    are off or kept fewer than ``days`` days."""
    def problem(resource):
        period = resource[member]
        if period == 0:
            return f"{kept} are off (retention period 0)"
        return f"{kept} are kept {period} day(s), fewer than {days}" if period < days else None
    return problem


def missing_log_exports(required):
    """A problem naming the log types of ``required(resource)`` that the
    resource does not publish to CloudWatch Logs (AWS leaves the list out when
    it publishes none)."""
    def problem(resource):
        published = resource.get("EnabledCloudwatchLogsExports") or []
        missing = [log for log in required(resource) or [] if log not in published]
        return f"does not publish its {', '.join(missing)} log(s) to CloudWatch Logs" if missing else None
    return problem


def export_logs(logs):
    """The fix that publishes ``logs`` to CloudWatch Logs."""
    return modify(f"--cloudwatch-logs-export-configuration '{json.dumps({'EnableLogTypes': list(logs)})}'")


def public_snapshot(snapshot):
    """A problem when any AWS account may restore the snapshot."""
    return "any AWS account may restore the snapshot (restore attribute: all)" if "all" in snapshot["RestorableBy"] \
        else None


def unencrypted_snapshot(snapshot):
    """A problem when the snapshot is not encrypted (or does not say it is)."""
    return None if snapshot["Encrypted"] else "the snapshot is not encrypted"


def snapshot_kind(snapshot):
    return "db-cluster-snapshot" if "DBClusterSnapshotArn" in snapshot else "db-snapshot"


def make_private(snapshot):
    kind = snapshot_kind(snapshot)
    return (f"aws {cli(snapshot)} modify-{kind}-attribute --{kind}-identifier "
            f"{snapshot['Arn'].rsplit(':', 1)[1]} --attribute-name restore --values-to-remove all")


def copy_encrypted(snapshot):
    kind = snapshot_kind(snapshot)
    return (f"aws {cli(snapshot)} copy-{kind} --source-{kind}-identifier {snapshot['Arn']} "
            f"--target-{kind}-identifier <new name> --kms-key-id <key>, then delete the unencrypted snapshot")


# The rules the services share, each judged over a fleet (see
# compliance.inventory.rds.fleet) or a family's manual snapshots.

def storage_encrypted(evidence, fleet, fix):
    judge_databases(evidence, fleet, ("StorageEncrypted", "KmsKeyId"), required("StorageEncrypted", "storage is not encrypted"),
                    lambda resource: fix)


def deletion_protected(evidence, fleet):
    judge_databases(evidence, fleet, ("DeletionProtection",), required("DeletionProtection", "deletion protection is off"),
                    modify("--deletion-protection"))


def backups_kept(evidence, fleet, days):
    judge_databases(evidence, fleet, ("BackupRetentionPeriod",), retention_below(days),
                    modify(f"--backup-retention-period {days}"))


def tags_copied_to_snapshots(evidence, fleet):
    judge_databases(evidence, fleet, ("CopyTagsToSnapshot",),
                    required("CopyTagsToSnapshot", "tags are not copied to snapshots"), modify("--copy-tags-to-snapshot"))


def iam_authentication(evidence, fleet):
    judge_databases(evidence, fleet, ("IAMDatabaseAuthenticationEnabled",),
                    required("IAMDatabaseAuthenticationEnabled", "IAM database authentication is off"),
                    modify("--enable-iam-database-authentication"))


def logs_published(evidence, fleet, required):
    """Each resource publishes the log types ``required(resource)`` names to CloudWatch Logs."""
    judge_databases(evidence, fleet, ("EnabledCloudwatchLogsExports",), missing_log_exports(required),
                    lambda resource: export_logs(required(resource))(resource))


def across_zones(evidence, fleet):
    judge_databases(evidence, fleet, ("MultiAZ", "AvailabilityZone", "DBClusterMembers"), _in_one_zone, _spread)


def _in_one_zone(resource):
    if resource.get("MultiAZ"):
        return None
    if _kind(resource) == "cluster":
        return "the cluster's instances are all in one Availability Zone"
    return f"the instance runs in one Availability Zone ({resource.get('AvailabilityZone')})"


def _spread(resource):
    if _kind(resource) == "instance":
        return modify("--multi-az")(resource)
    return (f"aws {cli(resource)} create-db-instance --db-cluster-identifier "
            f"{resource['DBClusterIdentifier']} --engine {resource['Engine']} --db-instance-class <class> "
            "--availability-zone <another zone> --db-instance-identifier <name> (a reader to fail over to)")


def snapshots_private(evidence, snapshots):
    judge_snapshots(evidence, snapshots, public_snapshot, make_private)


def snapshots_encrypted(evidence, snapshots):
    judge_snapshots(evidence, snapshots, unencrypted_snapshot, copy_encrypted)
