"""OpenSearch and Elasticsearch domains survive the loss of a node or an
Availability Zone, and run the latest service software."""

import pytest

from controls.opensearch.domains import UPDATE, judge_domains
from controls.shapes import at_least, every, required


@pytest.mark.control("opensearch-data-nodes")
def test_opensearch_data_nodes(search_domains, params, evidence):
    minimum = params["min_data_nodes"]
    judge_domains(evidence, search_domains, ("ClusterConfig",),
                  every(at_least("ClusterConfig.InstanceCount", minimum, "data nodes"),
                        required("ClusterConfig.ZoneAwarenessEnabled", "zone awareness is off")),
                  UPDATE + f"--cluster-config 'InstanceCount={minimum},ZoneAwarenessEnabled=true,"
                  "ZoneAwarenessConfig={{AvailabilityZoneCount=3}}'")


@pytest.mark.control("opensearch-dedicated-master-nodes")
def test_opensearch_dedicated_master_nodes(search_domains, params, evidence):
    minimum = params["min_master_nodes"]
    count = at_least("ClusterConfig.DedicatedMasterCount", minimum, "dedicated master nodes")
    judge_domains(evidence, search_domains, ("ClusterConfig",),
                  lambda d: count(d) if d["ClusterConfig"].get("DedicatedMasterEnabled")
                  else "the domain has no dedicated master nodes",
                  UPDATE + f"--cluster-config DedicatedMasterEnabled=true,DedicatedMasterCount={minimum},"
                  "DedicatedMasterType=<instance type>")


def pending_update(domain):
    """AWS's own answer: a service software update is available and not installed."""
    update = domain["ServiceSoftwareOptions"]
    if not update["UpdateAvailable"]:
        return None
    return (f"service software update {update.get('NewVersion') or '(unnamed)'} is available; "
            f"the domain runs {update.get('CurrentVersion') or 'an older one'}")


@pytest.mark.control("opensearch-software-update")
def test_opensearch_software_update(search_domains, evidence):
    judge_domains(evidence, search_domains, ("ServiceSoftwareOptions",), pending_update,
                  "aws opensearch start-service-software-update --domain-name {DomainName} --schedule-at NOW")
