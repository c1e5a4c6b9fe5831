"""The benchmark's recorded answers: what the warm-up run asked is answered
again from memory, identically, per caller; state changed during recording
is replayed as last seen; an unrecorded question still reaches moto."""

import boto3
import pytest

from bench.answers import RecordedAnswers
from compliance.demo.organization import create_key
from tests.conftest import DEV, PROD


@pytest.fixture
def answers(local_aws):
    recorded = RecordedAnswers(local_aws.url).start()
    yield recorded
    recorded.stop()


def kms(answers, account_id):
    client = boto3.client("kms", region_name="eu-west-1", endpoint_url=answers.url,
                          aws_access_key_id=f"key-of-{account_id}", aws_secret_access_key="x")
    client.meta.events.register("before-sign", lambda request, **_: request.headers.__setitem__(
        "x-moto-account-id", account_id))
    return client


def test_recorded_answers_are_replayed_per_caller_without_moto(answers, local_aws, seeder):
    prod_key = create_key(seeder, PROD, "eu-west-1", "prod")
    create_key(seeder, DEV, "eu-west-1", "dev")
    first = {a: kms(answers, a).list_keys()["Keys"] for a in (PROD, DEV)}
    answers.recording = False
    sent = len(local_aws.injector.log)

    create_key(seeder, PROD, "eu-west-1", "created-after-recording")
    again = {a: kms(answers, a).list_keys()["Keys"] for a in (PROD, DEV)}

    assert again == first and [k["KeyId"] for k in again[PROD]] == [prod_key]
    assert [r for r in local_aws.injector.log[sent:] if r.get("operation") == "ListKeys"] == []
    assert answers.counters()[:2] == (4, 0)


def test_the_latest_recorded_answer_is_kept_and_unrecorded_questions_reach_moto(answers, seeder):
    client = kms(answers, PROD)
    assert client.list_keys()["Keys"] == []
    key = create_key(seeder, PROD, "eu-west-1", "later")
    assert [k["KeyId"] for k in client.list_keys()["Keys"]] == [key]
    answers.recording = False

    assert [k["KeyId"] for k in client.list_keys()["Keys"]] == [key]
    assert client.describe_key(KeyId=key)["KeyMetadata"]["KeyId"] == key
    assert answers.counters()[1] == 1  # DescribeKey was never recorded: moto answered it
