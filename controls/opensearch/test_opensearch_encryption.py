"""OpenSearch and Elasticsearch domains encrypt their data at rest, between
their nodes and on the way to their clients."""

import pytest

from controls.opensearch.domains import UPDATE, judge_domains
from controls.shapes import every, one_of, required


@pytest.mark.control("opensearch-encrypted-at-rest")
def test_opensearch_encrypted_at_rest(search_domains, evidence):
    judge_domains(evidence, search_domains, ("EncryptionAtRestOptions",),
                  required("EncryptionAtRestOptions.Enabled", "the domain does not encrypt its data at rest"),
                  UPDATE + "--encryption-at-rest-options Enabled=true,KmsKeyId=<key>")


@pytest.mark.control("opensearch-node-to-node-encryption")
def test_opensearch_node_to_node_encryption(search_domains, evidence):
    judge_domains(evidence, search_domains, ("NodeToNodeEncryptionOptions",),
                  required("NodeToNodeEncryptionOptions.Enabled",
                           "the domain's nodes talk to each other unencrypted"),
                  UPDATE + "--node-to-node-encryption-options Enabled=true")


@pytest.mark.control("opensearch-tls-policy")
def test_opensearch_tls_policy(search_domains, params, evidence):
    policies = params["tls_policies"]
    judge_domains(evidence, search_domains, ("DomainEndpointOptions",),
                  every(required("DomainEndpointOptions.EnforceHTTPS", "the endpoint accepts plain HTTP"),
                        one_of("DomainEndpointOptions.TLSSecurityPolicy", policies, "the TLS security policy")),
                  UPDATE + f"--domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy={policies[0]}")
