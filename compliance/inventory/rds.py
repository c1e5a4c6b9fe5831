"""Amazon RDS: DB instances (Aurora cluster members included) and the
certificate authorities RDS offers."""

from compliance.aws.answers import extended


def db_instances(api, region):
    return sorted(api.read("rds", "DescribeDBInstances", region)["DBInstances"],
                  key=lambda db: db["DBInstanceArn"])


def db_clusters(api, region):
    return sorted(api.read("rds", "DescribeDBClusters", region)["DBClusters"], key=lambda c: c["DBClusterArn"])


def certificate_authorities(api, region):
    """``{CA identifier: certificate}`` from ``DescribeCertificates``."""
    return {c["CertificateIdentifier"]: c for c in api.read("rds", "DescribeCertificates", region)["Certificates"]}


def manual_snapshots(api, region):
    """Manual DB snapshots of instances and clusters, each with the accounts
    allowed to restore it (``RestorableBy``; ``all`` means public) and its ``Arn``."""
    found = []
    for snapshot in api.read("rds", "DescribeDBSnapshots", region, SnapshotType="manual")["DBSnapshots"]:
        attributes = api.read("rds", "DescribeDBSnapshotAttributes", region,
                              DBSnapshotIdentifier=snapshot["DBSnapshotIdentifier"])["DBSnapshotAttributesResult"]
        found.append(extended(snapshot, Arn=snapshot["DBSnapshotArn"],
                              RestorableBy=_restore_values(attributes["DBSnapshotAttributes"])))
    for snapshot in api.read("rds", "DescribeDBClusterSnapshots", region, SnapshotType="manual")["DBClusterSnapshots"]:
        attributes = api.read("rds", "DescribeDBClusterSnapshotAttributes", region,
                              DBClusterSnapshotIdentifier=snapshot["DBClusterSnapshotIdentifier"])
        found.append(extended(snapshot, Arn=snapshot["DBClusterSnapshotArn"], RestorableBy=_restore_values(
            attributes["DBClusterSnapshotAttributesResult"]["DBClusterSnapshotAttributes"])))
    return sorted(found, key=lambda s: s["Arn"])


def _restore_values(attributes):
    return sorted(v for a in attributes if a["AttributeName"] == "restore" for v in a.get("AttributeValues", []))
