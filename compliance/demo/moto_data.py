"""moto made to answer as AWS does for the data services' controls
(OpenSearch Service, ElastiCache, DynamoDB and DAX, DMS, EMR, MSK, Kinesis,
Athena), each difference named after the AWS API reference."""

import datetime
import inspect
import string
import types

from moto.athena import responses as athena_responses
from moto.core.responses import BaseResponse
from moto.dms import models as dms_models
from moto.elasticache import models as elasticache_models
from moto.emr import models as emr_models
from moto.emr import responses as emr_responses
from moto.kafka import models as kafka_models
from moto.moto_api._internal import mock_random
from moto.opensearch import models as opensearch_models
from moto.opensearch.models import opensearch_backends

# DomainStatus.SoftwareUpdateOptions holds only these; the update's status is ServiceSoftwareOptions.
SOFTWARE_UPDATE_SETTINGS = ("AutoSoftwareUpdateEnabled", "UseLatestServiceSoftwareForBlueGreen")
NO_UPDATE = opensearch_models.default_software_update_options


def _service_software_apart(original):
    """moto reports the service software's status (ServiceSoftwareOptions) under
    SoftwareUpdateOptions, where AWS keeps only the automatic-update settings."""
    def dct_options(self):
        found = original(self)
        given = found.pop("SoftwareUpdateOptions")
        found["ServiceSoftwareOptions"] = getattr(self, "service_software", NO_UPDATE)
        found["SoftwareUpdateOptions"] = ({k: v for k, v in given.items() if k in SOFTWARE_UPDATE_SETTINGS}
                                          or {"AutoSoftwareUpdateEnabled": False})
        return found
    return dct_options


def _legacy_domains_as_created(original):
    """A domain created through the Elasticsearch API runs Elasticsearch_<ElasticsearchVersion>
    on the ElasticsearchClusterConfig it was given; moto reports OpenSearch_2.5 on a default cluster."""
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.is_es:
            self.engine_version.options = f"Elasticsearch_{self.elasticsearch_version or '1.5'}"
            self.cluster_config = {**opensearch_models.default_cluster_config,
                                   **(self.elasticsearch_cluster_config or {})}
    return __init__


def _cluster_defaults_as_aws(original):
    """A cache cluster created without a subnet group is in the one named
    "default", and takes minor version upgrades automatically unless told not
    to (CreateCacheCluster); moto leaves both members out."""
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.cache_subnet_group_name = self.cache_subnet_group_name or "default"
        if self.auto_minor_version_upgrade is None:
            self.auto_minor_version_upgrade = True
    return __init__


def _member_clusters_listed(original):
    """DescribeCacheClusters lists a replication group's member clusters, each
    naming its ReplicationGroupId; moto names them only in the group."""
    cluster_settings = set(inspect.signature(elasticache_models.ElastiCacheBackend.create_cache_cluster).parameters)

    def create_replication_group(self, **kwargs):
        group = original(self, **kwargs)
        for member in group.member_clusters:
            self.create_cache_cluster(**dict.fromkeys(cluster_settings - {"self"}) | {
                k: v for k, v in kwargs.items() if k in cluster_settings} | {
                "cache_cluster_id": member, "replication_group_id": group.replication_group_id,
                "engine": kwargs.get("engine") or "redis"})
        return group
    return create_replication_group


def _emr_region_where_signed(original):
    """A request to a custom endpoint names its region only in its signature,
    which moto reads for every service but EMR: it answers every region from
    us-east-1's clusters unless the host names the region."""
    def get_region_from_url(self, request, full_url):
        if any(regex.search(self.parsed_url.netloc) for regex in self.emr_region_regex):
            return original(self, request, full_url)
        return BaseResponse.get_region_from_url(self, request, full_url)
    return get_region_from_url


def _emr_nodes_in_cluster_subnet(original):
    """EMR launches a cluster's nodes in its Ec2SubnetId, where they get a
    public IP address only if the subnet maps one on launch; moto launches
    them outside it, always with one."""
    def run_instances(self, cluster_id, instances, instance_group):
        subnet = self.clusters[cluster_id].ec2_subnet_id
        if subnet:
            instances = {**instances, "subnet_id": subnet, "associate_public_ip": None}
        return original(self, cluster_id, instances, instance_group)
    return run_instances


def _primary_dns_name(self):
    """MasterPublicDnsName: the primary node's public DNS name, or its private
    one in a private subnet (moto assumes a public one)."""
    for instance in self.ec2_instances:
        if instance.instance_group.id == self.master_instance_group_id:
            return instance.ec2_instance.public_dns_name or instance.ec2_instance.private_dns_name
    return None


def _block_public_access_on_by_default(original):
    """EMR block public access is on in every region of an account, permitting
    port 22, until turned off; moto starts with no configuration."""
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.block_public_access_configuration = {
            "block_public_access_configuration": {
                "block_public_security_group_rules": True,
                "permitted_public_security_group_rule_ranges": [{"min_range": 22, "max_range": 22}]},
            "block_public_access_configuration_metadata": {
                "creation_date_time": datetime.datetime(2019, 11, 21, tzinfo=datetime.timezone.utc),
                "created_by_arn": f"arn:aws:iam::{self.account_id}:root"}}
    return __init__


def _put_block_public_access_as_given(self):
    """PutBlockPublicAccessConfiguration with BlockPublicSecurityGroupRules
    false turns it off; moto turns it on whatever it is given."""
    given = self._get_params().get("BlockPublicAccessConfiguration") or {}
    self.backend.put_block_public_access_configuration(
        block_public_security_group_rules=given.get("BlockPublicSecurityGroupRules") is True,
        rule_ranges=given.get("PermittedPublicSecurityGroupRuleRanges"))
    return emr_responses.EmptyResult()


RESULT_SETTINGS = ("OutputLocation", "EncryptionConfiguration", "ExpectedBucketOwner", "AclConfiguration")
WORKGROUP_SETTINGS = ("EnforceWorkGroupConfiguration", "EnableMinimumEncryptionConfiguration",
                      "PublishCloudWatchMetricsEnabled", "RequesterPaysEnabled", "BytesScannedCutoffPerQuery")


def _update_work_group(self):
    """UpdateWorkGroup, which moto lacks: the workgroup's settings and the
    result configuration's members, set or removed (Remove<Member>) as
    ConfigurationUpdates says."""
    group = self.athena_backend.work_groups[self._get_param("WorkGroup")]
    updates = self._get_param("ConfigurationUpdates") or {}
    results = group.configuration.setdefault("ResultConfiguration", {})
    for key, value in (updates.get("ResultConfigurationUpdates") or {}).items():
        if key in RESULT_SETTINGS:
            results[key] = value
        elif key.startswith("Remove") and value:
            results.pop(key[len("Remove"):], None)
    group.configuration.update({k: v for k, v in updates.items() if k in WORKGROUP_SETTINGS})
    return "{}"


def offer_software_update(account_id, region, domain_name, current, new):
    """Make service software ``new`` available to a domain running ``current`` (demo and tests)."""
    domain = opensearch_backends[account_id][region].domains[domain_name]
    domain.service_software = {**NO_UPDATE, "CurrentVersion": current, "NewVersion": new, "UpdateAvailable": True,
                               "UpdateStatus": "ELIGIBLE", "Description": f"An update to release {new} is available."}


def _seeded_dms_id(uppercase=True, length=13):
    """A DMS identifier from moto's seeded generator (moto draws them from
    Python's own), so that the demo's ARNs are the same on every run."""
    letters = string.ascii_uppercase if uppercase else string.ascii_lowercase
    return mock_random.choice(letters) + "".join(mock_random.choice(string.digits + letters) for _ in range(length - 1))


def apply():
    """Patch moto in this process (called once by compliance.demo.moto_patches.apply)."""
    dms_models.random_id = _seeded_dms_id
    kafka_models.uuid = types.SimpleNamespace(uuid4=mock_random.uuid4)  # MSK cluster IDs, likewise
    domain = opensearch_models.OpenSearchDomain
    domain.__init__ = _legacy_domains_as_created(domain.__init__)
    domain.dct_options = _service_software_apart(domain.dct_options)
    cluster = elasticache_models.CacheCluster
    cluster.__init__ = _cluster_defaults_as_aws(cluster.__init__)
    backend = elasticache_models.ElastiCacheBackend
    backend.create_replication_group = _member_clusters_listed(backend.create_replication_group)
    emr = emr_models.ElasticMapReduceBackend
    emr.run_instances = _emr_nodes_in_cluster_subnet(emr.run_instances)
    emr.__init__ = _block_public_access_on_by_default(emr.__init__)
    emr_models.Cluster.master_public_dns_name = property(_primary_dns_name)
    athena_responses.AthenaResponse.update_work_group = _update_work_group
    emr_response = emr_responses.ElasticMapReduceResponse
    emr_response.put_block_public_access_configuration = _put_block_public_access_as_given
    emr_response.get_region_from_url = _emr_region_where_signed(emr_response.get_region_from_url)
