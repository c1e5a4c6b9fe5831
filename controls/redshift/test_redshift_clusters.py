"""Redshift provisioned clusters: private, encrypted at rest and in transit,
backed up, audited, upgraded, routed through the VPC, no default names."""

import pytest

from controls.judging import judge_each
from controls.rds.shape import retention_below


def modify(options):
    """The fix ``aws redshift modify-cluster`` with ``options``."""
    return lambda c: f"aws redshift modify-cluster --cluster-identifier {c['ClusterIdentifier']} {options}"


def judge(evidence, clusters, keys, problem, fix):
    judge_each(evidence, "clusters", clusters, ("Arn", *keys), problem, fix)


@pytest.mark.control("redshift-not-public")
def test_redshift_not_public(redshift_clusters, evidence):
    judge(evidence, redshift_clusters, ("PubliclyAccessible", "Endpoint"),
          lambda c: "the cluster is publicly accessible" if c["PubliclyAccessible"] else None,
          modify("--no-publicly-accessible"))


@pytest.mark.control("redshift-encrypted")
def test_redshift_encrypted(redshift_clusters, evidence):
    judge(evidence, redshift_clusters, ("Encrypted", "KmsKeyId"),
          lambda c: None if c["Encrypted"] else "the cluster is not encrypted at rest",
          modify("--encrypted --kms-key-id <key>"))


@pytest.mark.control("redshift-automated-snapshots")
def test_redshift_automated_snapshots(redshift_clusters, params, evidence):
    days = params["retention_days"]
    judge(evidence, redshift_clusters, ("AutomatedSnapshotRetentionPeriod",),
          retention_below(days, "AutomatedSnapshotRetentionPeriod", "automated snapshots"),
          modify(f"--automated-snapshot-retention-period {days}"))


@pytest.mark.control("redshift-version-upgrades")
def test_redshift_version_upgrades(redshift_clusters, evidence):
    judge(evidence, redshift_clusters, ("AllowVersionUpgrade", "ClusterVersion"),
          lambda c: None if c["AllowVersionUpgrade"] else "major version upgrades are not applied automatically",
          modify("--allow-version-upgrade"))


@pytest.mark.control("redshift-enhanced-vpc-routing")
def test_redshift_enhanced_vpc_routing(redshift_clusters, evidence):
    judge(evidence, redshift_clusters, ("EnhancedVpcRouting",),
          lambda c: None if c["EnhancedVpcRouting"] else "COPY and UNLOAD traffic bypasses the VPC (enhanced VPC "
                                                         "routing is off)",
          modify("--enhanced-vpc-routing"))


@pytest.mark.control("redshift-no-default-names")
def test_redshift_no_default_names(redshift_clusters, params, evidence):
    def problem(cluster):
        found = []
        if cluster["MasterUsername"] == params["default_admin"]:
            found.append(f"the administrator is called {cluster['MasterUsername']!r}")
        # AWS names the initial database dev when none was given, and reports its name for the cluster's life.
        if cluster.get("DBName", "dev") == params["default_database"]:
            found.append(f"the database is called {params['default_database']!r}")
        return "; ".join(found) + " (default names)" if found else None

    judge(evidence, redshift_clusters, ("MasterUsername", "DBName"), problem,
          lambda c: "both names are set at creation (a restored snapshot keeps them): create a new cluster with "
                    "--master-username <custom name> --db-name <custom name>, move the data, switch applications over")


@pytest.mark.control("redshift-audit-logging")
def test_redshift_audit_logging(redshift_logging, evidence):
    judge(evidence, redshift_logging, ("LoggingStatus",),
          lambda c: None if c["LoggingStatus"]["LoggingEnabled"] else "audit logging is off",
          lambda c: f"aws redshift enable-logging --cluster-identifier {c['ClusterIdentifier']} "
                    "--log-destination-type cloudwatch --log-exports connectionlog userlog useractivitylog")


@pytest.mark.control("redshift-encrypted-in-transit")
def test_redshift_encrypted_in_transit(redshift_transport, evidence):
    def problem(cluster):
        if not cluster["RequireSsl"]:  # every cluster has a parameter group: none listed proves nothing
            return "no cluster parameter group is listed: require_ssl cannot be shown on"
        plain = [f"{group} (require_ssl: {value})" for group, value in cluster["RequireSsl"].items()
                 if str(value).lower() != "true"]
        return f"connections may be unencrypted: parameter group {', '.join(plain)}" if plain else None

    judge(evidence, redshift_transport, ("ClusterParameterGroups", "RequireSsl"), problem,
          lambda c: "aws redshift modify-cluster-parameter-group --parameter-group-name <the cluster's group, or a "
                    "new one for a default group> --parameters ParameterName=require_ssl,ParameterValue=true, then "
                    f"aws redshift reboot-cluster --cluster-identifier {c['ClusterIdentifier']}")
