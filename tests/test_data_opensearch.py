"""The OpenSearch controls (which answer Security Hub's OpenSearch.* and ES.*
alike), proven against moto: a compliant domain passes; a legacy
Elasticsearch domain with every default and a public domain whose TLS
policy, nodes and software lag fail on each; unreadable reads error."""

import pytest

from compliance.demo.moto_data import offer_software_update
from compliance.demo.organization import open_policy
from compliance.demo.seed_data import LATEST_TLS, legacy_domain, search_domain
from tests.conftest import DEV, PROD, REGION, assert_unreadable, organization_baseline
from tests.data_services import dev_failures, findings

CONTROLS = "controls/opensearch"
UPDATE = "aws opensearch update-domain-config --domain-name "


@pytest.fixture
def baseline(tmp_path, organization):
    """The organization's accounts, in REGION only; the trust zone is read from its Organizations."""
    return organization_baseline(tmp_path / "baseline.yaml", regions=[REGION])


def test_compliant_domains_pass_and_each_violation_fails(seeder, organization, baseline, run_suite):
    search_domain(seeder, PROD, REGION, "catalog", organization)
    legacy = legacy_domain(seeder, DEV, REGION, "old-logs")
    playground = search_domain(
        seeder, DEV, REGION, "playground", organization,
        AccessPolicies=open_policy("es:ESHttp*", f"arn:aws:es:{REGION}:{DEV}:domain/playground/*"),
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
        ClusterConfig={"InstanceType": "t3.small.search", "InstanceCount": 3, "ZoneAwarenessEnabled": False,
                       "DedicatedMasterEnabled": True, "DedicatedMasterType": "t3.small.search",
                       "DedicatedMasterCount": 2},
        LogPublishingOptions=None)
    offer_software_update(DEV, REGION, "playground", "R20240520", "R20241003")
    suite = run_suite(CONTROLS, baseline=baseline)
    dev = dev_failures(suite, 10)
    engines = {d["DomainName"]: d["EngineVersion"] for d in dev["opensearch-encrypted-at-rest"]["evidence"]["domains"]}
    assert engines == {"old-logs": "Elasticsearch_7.10", "playground": "OpenSearch_2.13"}
    assert findings(dev["opensearch-encrypted-at-rest"]) == [(legacy, "the domain does not encrypt its data at rest")]
    assert findings(dev["opensearch-node-to-node-encryption"]) == [
        (legacy, "the domain's nodes talk to each other unencrypted")]
    assert findings(dev["opensearch-tls-policy"]) == [
        (legacy, f"the endpoint accepts plain HTTP; the TLS security policy is Policy-Min-TLS-1-0-2019-07, "
                 f"not {LATEST_TLS}"),
        (playground, f"the TLS security policy is Policy-Min-TLS-1-2-2019-07, not {LATEST_TLS}")]
    assert findings(dev["opensearch-not-public"]) == [
        (legacy, "the domain is not in a VPC: its endpoint is on the internet"),
        (playground, f"policy statement Open allows es:ESHttp* on arn:aws:es:{REGION}:{DEV}:domain/playground/* "
                     "to anyone, unauthenticated")]
    assert findings(dev["opensearch-fine-grained-access-control"]) == [(legacy, "fine-grained access control is off")]
    assert findings(dev["opensearch-error-logging"]) == [
        (legacy, "the domain does not publish ES_APPLICATION_LOGS to CloudWatch Logs"),
        (playground, "the domain does not publish ES_APPLICATION_LOGS to CloudWatch Logs")]
    assert findings(dev["opensearch-audit-logging"]) == [
        (legacy, "the domain does not publish AUDIT_LOGS to CloudWatch Logs"),
        (playground, "the domain does not publish AUDIT_LOGS to CloudWatch Logs")]
    assert findings(dev["opensearch-data-nodes"]) == [
        (legacy, "data nodes: 1, fewer than 3; zone awareness is off"), (playground, "zone awareness is off")]
    assert findings(dev["opensearch-dedicated-master-nodes"]) == [
        (legacy, "the domain has no dedicated master nodes"), (playground, "dedicated master nodes: 2, fewer than 3")]
    assert findings(dev["opensearch-software-update"]) == [
        (playground, "service software update R20241003 is available; the domain runs R20240520")]
    fixes = {f["resource"]: f["fix"] for f in dev["opensearch-encrypted-at-rest"]["findings"]}
    assert fixes[legacy] == UPDATE + "old-logs --encryption-at-rest-options Enabled=true,KmsKeyId=<key>"


def test_unreadable_domains_error(seeder, organization, baseline, run_suite, local_aws):
    search_domain(seeder, DEV, REGION, "catalog", organization)
    local_aws.inject("AccessDeniedException", "not authorized", service="es", operation="ListDomainNames",
                     account=PROD)
    local_aws.inject("AccessDeniedException", "not authorized", service="es", operation="DescribeDomains",
                     account=DEV)
    suite = run_suite(CONTROLS, baseline=baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert len(prod) == 10
    assert_unreadable(prod, prod.keys(), "opensearch:ListDomainNames")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), prod.keys(), "opensearch:DescribeDomains")


def test_moto_reports_service_software_and_legacy_engines_as_aws_does(seeder):
    search_domain(seeder, PROD, REGION, "current", "o-example")
    legacy_domain(seeder, PROD, REGION, "legacy")
    offer_software_update(PROD, REGION, "current", "R1", "R2")
    client = seeder.client("opensearch", PROD, REGION)
    domains = {d["DomainName"]: d for d in
               client.describe_domains(DomainNames=["current", "legacy"])["DomainStatusList"]}
    assert domains["current"]["SoftwareUpdateOptions"] == {"AutoSoftwareUpdateEnabled": False}
    assert domains["current"]["ServiceSoftwareOptions"]["UpdateAvailable"] is True
    assert domains["legacy"]["ServiceSoftwareOptions"]["UpdateAvailable"] is False
    assert domains["legacy"]["EngineVersion"] == "Elasticsearch_7.10"
    assert domains["legacy"]["ClusterConfig"]["InstanceType"] == "t3.small.elasticsearch"
