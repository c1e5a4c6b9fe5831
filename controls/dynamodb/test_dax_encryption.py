"""DynamoDB Accelerator (DAX) clusters encrypt their data at rest and their endpoint's connections."""

import pytest

from controls.judging import judge_each
from controls.shapes import one_of

RECREATE = ("create the cluster again (aws dax create-cluster --cluster-name <new name> {option} with the settings "
            "of {name}), switch clients over and delete the old one: it cannot be changed in place")


@pytest.mark.control("dax-encrypted-at-rest")
def test_dax_encrypted_at_rest(dax_clusters, evidence):
    judge_each(evidence, "clusters", dax_clusters, ("ClusterArn", "SSEDescription"),
               one_of("SSEDescription.Status", ("ENABLED",), "encryption at rest"),
               lambda c: RECREATE.format(option="--sse-specification Enabled=true", name=c["ClusterName"]))


@pytest.mark.control("dax-encrypted-in-transit")
def test_dax_encrypted_in_transit(dax_clusters, evidence):
    judge_each(evidence, "clusters", dax_clusters, ("ClusterArn", "ClusterEndpointEncryptionType"),
               one_of("ClusterEndpointEncryptionType", ("TLS",), "the endpoint's encryption"),
               lambda c: RECREATE.format(option="--cluster-endpoint-encryption-type TLS", name=c["ClusterName"]))
