"""Amazon RDS: DB instances (Aurora cluster members included), DB clusters,
manual snapshots, event subscriptions and the certificate authorities RDS
offers. Neptune and DocumentDB are served by the same API: one unfiltered
read of each list answers all three services, split by engine (``family``)."""

from compliance.aws.answers import extended


def db_instances(api, region):
    return sorted(api.read("rds", "DescribeDBInstances", region)["DBInstances"],
                  key=lambda db: db["DBInstanceArn"])


def db_clusters(api, region):
    return sorted(api.read("rds", "DescribeDBClusters", region)["DBClusters"], key=lambda c: c["DBClusterArn"])


# Engines served by the RDS API that are services of their own; every other engine is RDS or Aurora.
FAMILIES = {"neptune": "neptune", "docdb": "docdb"}


def family(engine):
    """``rds``, ``neptune`` or ``docdb``: the service whose controls judge a resource of ``engine``."""
    return FAMILIES.get(engine, "rds")


def fleet(api, region, name):
    """The DB clusters and DB instances of the family ``name`` (see ``family``)."""
    return {"clusters": [c for c in db_clusters(api, region) if family(c["Engine"]) == name],
            "instances": [db for db in db_instances(api, region) if family(db["Engine"]) == name]}


def family_snapshots(api, region, name):
    """The manual snapshots (see ``manual_snapshots``) of the family ``name``."""
    return [s for s in manual_snapshots(api, region) if family(s["Engine"]) == name]


def db_parameters(api, region, group):
    """``{parameter name: value}`` of the DB parameter group ``group`` (None
    for a parameter AWS reports without a value)."""
    found = api.read("rds", "DescribeDBParameters", region, DBParameterGroupName=group)["Parameters"]
    return {p["ParameterName"]: p.get("ParameterValue") for p in found}


def event_subscriptions(api, region):
    return sorted(api.read("rds", "DescribeEventSubscriptions", region)["EventSubscriptionsList"],
                  key=lambda s: s["CustSubscriptionId"])


def certificate_authorities(api, region):
    """``{CA identifier: certificate}`` from ``DescribeCertificates``."""
    return {c["CertificateIdentifier"]: c for c in api.read("rds", "DescribeCertificates", region)["Certificates"]}


def manual_snapshots(api, region):
    """Manual DB snapshots of instances and clusters, each with the accounts
    allowed to restore it (``RestorableBy``; ``all`` means public), its ``Arn``
    and whether it is ``Encrypted`` (a cluster snapshot calls it ``StorageEncrypted``;
    None when AWS left it out)."""
    def instance_snapshot(snapshot):
        attributes = api.read("rds", "DescribeDBSnapshotAttributes", region,
                              DBSnapshotIdentifier=snapshot["DBSnapshotIdentifier"])["DBSnapshotAttributesResult"]
        return extended(snapshot, Arn=snapshot["DBSnapshotArn"], Encrypted=snapshot.get("Encrypted"),
                        RestorableBy=_restore_values(attributes["DBSnapshotAttributes"]))

    def cluster_snapshot(snapshot):
        attributes = api.read("rds", "DescribeDBClusterSnapshotAttributes", region,
                              DBClusterSnapshotIdentifier=snapshot["DBClusterSnapshotIdentifier"])
        restore = _restore_values(attributes["DBClusterSnapshotAttributesResult"]["DBClusterSnapshotAttributes"])
        return extended(snapshot, Arn=snapshot["DBClusterSnapshotArn"], Encrypted=snapshot.get("StorageEncrypted"),
                        RestorableBy=restore)

    found = api.each(instance_snapshot, api.read("rds", "DescribeDBSnapshots", region,
                                                 SnapshotType="manual")["DBSnapshots"])
    found += api.each(cluster_snapshot, api.read("rds", "DescribeDBClusterSnapshots", region,
                                                 SnapshotType="manual")["DBClusterSnapshots"])
    return sorted(found, key=lambda s: s["Arn"])


def _restore_values(attributes):
    return sorted(v for a in attributes if a["AttributeName"] == "restore" for v in a.get("AttributeValues", []))
