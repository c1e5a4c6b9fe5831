"""Kinesis data streams and Athena query results are encrypted at rest."""

import pytest

from controls.judging import judge_each
from controls.shapes import member, one_of


@pytest.mark.control("kinesis-stream-encrypted")
def test_kinesis_stream_encrypted(kinesis_streams, evidence):
    judge_each(evidence, "streams", kinesis_streams, ("StreamARN", "EncryptionType", "KeyId"),
               one_of("EncryptionType", ("KMS",), "the stream's encryption"),
               lambda s: f"aws kinesis start-stream-encryption --stream-name {s['StreamName']} --encryption-type KMS "
                         "--key-id alias/aws/kinesis (or a customer managed key)")


def results_problem(workgroup):
    if member(workgroup, "Configuration.ManagedQueryResultsConfiguration.Enabled"):
        return None  # Athena's managed storage always encrypts
    option = member(workgroup, "Configuration.ResultConfiguration.EncryptionConfiguration.EncryptionOption")
    return None if option else "query results are not encrypted by the workgroup"


@pytest.mark.control("athena-workgroup-encrypted")
def test_athena_workgroup_encrypted(athena_workgroups, evidence):
    judge_each(evidence, "workgroups", athena_workgroups, ("Arn", "Name", "Configuration"), results_problem,
               lambda w: f"aws athena update-work-group --work-group {w['Name']} --configuration-updates "
                         "'ResultConfigurationUpdates={EncryptionConfiguration={EncryptionOption=SSE_KMS,"
                         "KmsKey=<key ARN>}},EnforceWorkGroupConfiguration=true'")
