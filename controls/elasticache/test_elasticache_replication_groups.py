"""ElastiCache replication groups fail over on their own, encrypt their data
at rest and in transit, and let in only clients that authenticate."""

import pytest

from controls.elasticache.caches import modify
from controls.judging import judge_each
from controls.shapes import required


def judge_groups(evidence, groups, keys, problem, fix):
    judge_each(evidence, "replication_groups", groups, ("ARN", "Engine", *keys), problem, fix)


@pytest.mark.control("elasticache-automatic-failover")
def test_elasticache_automatic_failover(replication_groups, evidence):
    judge_groups(evidence, replication_groups, ("AutomaticFailover", "MemberClusters"),
                 lambda g: None if g.get("AutomaticFailover") == "enabled" else
                 f"automatic failover is {g.get('AutomaticFailover') or 'not reported'}",
                 lambda g: modify(g, "--automatic-failover-enabled"))


@pytest.mark.control("elasticache-encrypted-at-rest")
def test_elasticache_encrypted_at_rest(replication_groups, evidence):
    judge_groups(evidence, replication_groups, ("AtRestEncryptionEnabled", "KmsKeyId"),
                 required("AtRestEncryptionEnabled", "the group does not encrypt its data at rest"),
                 lambda g: "create a replication group with --at-rest-encryption-enabled --snapshot-name <backup of "
                           f"{g['ReplicationGroupId']}> and switch clients over")


def transit_problem(group):
    if not group.get("TransitEncryptionEnabled"):
        return "encryption in transit is off"
    if group.get("TransitEncryptionMode") == "preferred":
        return "encryption in transit is only preferred: clients without TLS are still accepted"
    return None


@pytest.mark.control("elasticache-encrypted-in-transit")
def test_elasticache_encrypted_in_transit(replication_groups, evidence):
    judge_groups(evidence, replication_groups, ("TransitEncryptionEnabled", "TransitEncryptionMode"), transit_problem,
                 lambda g: modify(g, "--transit-encryption-enabled --transit-encryption-mode "
                                     f"{'required' if g.get('TransitEncryptionEnabled') else 'preferred'}"))


@pytest.mark.control("elasticache-authentication")
def test_elasticache_authentication(replication_groups, evidence):
    judge_groups(evidence, replication_groups, ("AuthTokenEnabled", "UserGroupIds"),
                 lambda g: None if g.get("AuthTokenEnabled") or g.get("UserGroupIds") else
                 "clients connect without authenticating (no AUTH token, no user group)",
                 lambda g: modify(g, "--user-group-ids-to-add <user group>") + " (Redis OSS 6.0 or later, Valkey; "
                           "before 6.0: --auth-token <token> --auth-token-update-strategy ROTATE)")
