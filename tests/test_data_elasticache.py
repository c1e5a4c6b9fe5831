"""The ElastiCache controls, proven against moto: a compliant replication
group and Memcached cluster pass; a replication group with every protection
off, one that only prefers TLS, and a standalone Redis cluster in the default
subnet group fail on each; unreadable reads error."""

from compliance.demo.seed_data import UNPROTECTED_GROUP, cache_cluster, cache_subnet_group, replication_group
from tests.conftest import DEV, PROD, REGION, assert_unreadable
from tests.data_services import dev_failures, findings

CONTROLS = "controls/elasticache"


def test_compliant_caches_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    replication_group(seeder, PROD, REGION, "sessions")
    cache_cluster(seeder, PROD, REGION, "pages", Engine="memcached",
                  CacheSubnetGroupName=cache_subnet_group(seeder, PROD, REGION, "pages-private"))
    old = replication_group(seeder, DEV, REGION, "sessions-old", **UNPROTECTED_GROUP)
    jobs = replication_group(seeder, DEV, REGION, "jobs", TransitEncryptionMode="preferred")
    scratch = cache_cluster(seeder, DEV, REGION, "scratch", Engine="redis", EngineVersion="7.1")
    old_member = old.replace(":replicationgroup:sessions-old", ":cluster:sessions-old-001")
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    dev = dev_failures(suite, 7)
    assert findings(dev["elasticache-automatic-backups"]) == [
        (scratch, "days of automatic backups kept: 0, fewer than 1"),
        (old, "days of automatic backups kept: 0, fewer than 1")]
    assert findings(dev["elasticache-auto-minor-version-upgrade"]) == [
        (old_member, "automatic minor version upgrades are off")]
    assert findings(dev["elasticache-no-default-subnet-group"]) == [
        (scratch, "the cluster is in the default subnet group"),
        (old_member, "the cluster is in the default subnet group")]
    assert findings(dev["elasticache-automatic-failover"]) == [(old, "automatic failover is disabled")]
    assert findings(dev["elasticache-encrypted-at-rest"]) == [(old, "the group does not encrypt its data at rest")]
    assert findings(dev["elasticache-encrypted-in-transit"]) == [
        (jobs, "encryption in transit is only preferred: clients without TLS are still accepted"),
        (old, "encryption in transit is off")]
    assert findings(dev["elasticache-authentication"]) == [
        (old, "clients connect without authenticating (no AUTH token, no user group)")]
    fixes = {f["resource"]: f["fix"] for f in dev["elasticache-automatic-backups"]["findings"]}
    assert fixes == {
        scratch: "aws elasticache modify-cache-cluster --cache-cluster-id scratch --snapshot-retention-limit 7 "
                 "--apply-immediately",
        old: "aws elasticache modify-replication-group --replication-group-id sessions-old "
             "--snapshot-retention-limit 7 --apply-immediately"}


def test_unreadable_caches_error(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    replication_group(seeder, DEV, REGION, "sessions")
    local_aws.inject("AccessDenied", "not authorized", service="elasticache", operation="DescribeCacheClusters",
                     account=PROD)
    local_aws.inject("AccessDenied", "not authorized", service="elasticache", operation="DescribeReplicationGroups",
                     account=DEV)
    suite = run_suite(CONTROLS, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert len(prod) == 7  # replication groups are read when a cluster names one
    assert_unreadable(prod, prod.keys(), "elasticache:DescribeCacheClusters")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), [
        "elasticache-automatic-backups", "elasticache-automatic-failover", "elasticache-encrypted-at-rest",
        "elasticache-encrypted-in-transit", "elasticache-authentication"], "elasticache:DescribeReplicationGroups")


def test_moto_lists_member_clusters_with_aws_defaults(seeder):
    replication_group(seeder, PROD, REGION, "sessions", CacheSubnetGroupName=None)
    (member,) = seeder.client("elasticache", PROD, REGION).describe_cache_clusters()["CacheClusters"]
    assert (member["ReplicationGroupId"], member["CacheSubnetGroupName"], member["AutoMinorVersionUpgrade"]) == (
        "sessions", "default", True)
