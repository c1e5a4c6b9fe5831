"""MSK clusters encrypt their traffic and publish per-broker metrics."""

import pytest

from controls.judging import judge_each
from controls.shapes import one_of

MONITORING = ("PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION")


def provisioned(clusters, setting):
    """The provisioned clusters, each with ``setting`` of its Provisioned
    settings (serverless clusters always use TLS and have no monitoring level)."""
    return [{**c, setting: c["Provisioned"].get(setting)} for c in clusters if c["ClusterType"] == "PROVISIONED"]


def transit_problem(cluster):
    # Absent members take AWS's documented defaults (EncryptionInTransit): InCluster true, ClientBroker TLS.
    transit = (cluster["EncryptionInfo"] or {}).get("EncryptionInTransit") or {}
    found = []
    if transit.get("InCluster") is False:
        found.append("brokers replicate to each other in plain text")
    if transit.get("ClientBroker", "TLS") != "TLS":
        found.append(f"clients may connect without TLS ({transit['ClientBroker']})")
    return "; ".join(found) or None


@pytest.mark.control("msk-encrypted-in-transit")
def test_msk_encrypted_in_transit(msk_clusters, evidence):
    judge_each(evidence, "clusters", provisioned(msk_clusters, "EncryptionInfo"),
               ("ClusterArn", "ClusterName", "EncryptionInfo"), transit_problem,
               lambda c: "create a cluster with --encryption-info 'EncryptionInTransit={InCluster=true,"
                         "ClientBroker=TLS}' and mirror the topics to it (in-cluster encryption cannot be turned on); "
                         f"for clients only: aws kafka update-security --cluster-arn {c['ClusterArn']} "
                         "--current-version <version> --encryption-info 'EncryptionInTransit={ClientBroker=TLS}'")


@pytest.mark.control("msk-enhanced-monitoring")
def test_msk_enhanced_monitoring(msk_clusters, evidence):
    judge_each(evidence, "clusters", provisioned(msk_clusters, "EnhancedMonitoring"),
               ("ClusterArn", "ClusterName", "EnhancedMonitoring"),
               one_of("EnhancedMonitoring", MONITORING, "enhanced monitoring"),
               lambda c: f"aws kafka update-monitoring --cluster-arn {c['ClusterArn']} --current-version "
                         f"{c.get('CurrentVersion') or '<version>'} --enhanced-monitoring PER_BROKER")
