"""The benchmark's recorded answers: what the warm-up run asked is answered
again from memory, identically, per caller; state changed during recording
is replayed as last seen; an unrecorded question still reaches moto."""

import datetime

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from bench.answers import RecordedAnswers
from bench.throttling import ASSUMED, EC2_NON_MUTATING, EC2_UNFILTERED, Limit, RateLimits, limit_of
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID, create_key
from tests.conftest import DEV, PROD, REGION


@pytest.fixture
def answers(local_aws):
    recorded = RecordedAnswers(local_aws.url).start()
    yield recorded
    recorded.stop()


def kms(answers, account_id, region="eu-west-1"):
    client = boto3.client("kms", region_name=region, endpoint_url=answers.url,
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


def test_the_same_question_in_two_regions_is_answered_per_region(answers, seeder):
    keys = {region: create_key(seeder, PROD, region, region) for region in ("eu-west-1", "us-east-1")}
    first = {region: kms(answers, PROD, region).list_keys()["Keys"] for region in keys}
    answers.recording = False

    again = {region: [k["KeyId"] for k in kms(answers, PROD, region).list_keys()["Keys"]] for region in keys}

    assert again == {region: [key] for region, key in keys.items()} == {
        region: [k["KeyId"] for k in listed] for region, listed in first.items()}
    assert answers.counters()[:2] == (4, 0)


def test_replayed_role_credentials_are_valid_from_the_replay(answers, audit_roles):
    sts = boto3.client("sts", region_name="us-east-1", endpoint_url=answers.url, aws_access_key_id="k",
                       aws_secret_access_key="x")

    def expiry():
        return sts.assume_role(RoleArn=f"arn:aws:iam::{PROD}:role/{AUDIT_ROLE}", RoleSessionName="bench",
                               ExternalId=EXTERNAL_ID, DurationSeconds=900)["Credentials"]["Expiration"]

    recorded = expiry()
    answers.recording = False
    replayed = expiry()

    now = datetime.datetime.now(datetime.timezone.utc)
    assert recorded < now + datetime.timedelta(minutes=16) and replayed > now + datetime.timedelta(hours=11)
    assert answers.counters()[:2] == (2, 0)


def test_the_latest_recorded_answer_is_kept_and_unrecorded_questions_reach_moto(answers, seeder):
    client = kms(answers, PROD)
    assert client.list_keys()["Keys"] == []
    key = create_key(seeder, PROD, "eu-west-1", "later")
    assert [k["KeyId"] for k in client.list_keys()["Keys"]] == [key]
    answers.recording = False

    assert [k["KeyId"] for k in client.list_keys()["Keys"]] == [key]
    assert client.describe_key(KeyId=key)["KeyMetadata"]["KeyId"] == key
    assert answers.counters()[1] == 1  # DescribeKey was never recorded: moto answered it


def tight(request, params):
    return Limit(2, 0.01, "two requests, then almost none")


@pytest.mark.parametrize("service, call, code, status", [
    ("kms", lambda c: c.list_keys(), "ThrottlingException", 400),
    ("ec2", lambda c: c.describe_vpcs(), "RequestLimitExceeded", 503),
    ("iam", lambda c: c.list_roles(), "Throttling", 400),
    ("s3", lambda c: c.list_buckets(), "SlowDown", 503)])
def test_an_empty_bucket_answers_with_the_services_throttling_error(answers, local_aws, service, call, code, status):
    client = boto3.client(service, region_name="eu-west-1", endpoint_url=answers.url, aws_access_key_id="k",
                          aws_secret_access_key="x", config=Config(retries={"total_max_attempts": 1}))
    call(client)
    answers.recording = False
    answers.limits = RateLimits(tight)
    call(client)
    call(client)
    with pytest.raises(ClientError) as raised:
        call(client)
    error = raised.value.response
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == (code, status)
    assert answers.limits.throttled == 1


def test_ec2_buckets_are_per_api_and_smaller_for_unfiltered_unpaginated_reads():
    ec2 = {"service": "ec2", "operation": "DescribeSnapshots", "protocol": "ec2"}
    assert limit_of(ec2, {"Filter.1.Name": ["is-public"]}) == limit_of(ec2, {"MaxResults": ["1000"]}) == EC2_NON_MUTATING
    assert limit_of(ec2, {"SnapshotId.1": ["snap-1"]}) == EC2_NON_MUTATING
    assert limit_of(ec2, {"Action": ["DescribeSnapshots"]}) == EC2_UNFILTERED
    one_instance = {"Action": ["DescribeInstanceAttribute"], "InstanceId": ["i-1"], "Attribute": ["userData"]}
    assert limit_of({**ec2, "operation": "DescribeInstanceAttribute"}, one_instance) == EC2_NON_MUTATING
    assert limit_of({**ec2, "operation": "GetConsoleOutput"}, {"InstanceId": ["i-1"]}) == EC2_NON_MUTATING
    assert limit_of({"service": "lambda", "operation": "GetPolicy"}, {}).rate == 15
    assert limit_of({"service": "guardduty", "operation": "ListDetectors"}, {}) == ASSUMED


def test_a_throttled_run_retries_and_reaches_the_unthrottled_verdicts(answers, seeder, audit_roles, regional_baseline,
                                                                       run_suite):
    for n in range(6):
        create_key(seeder, PROD, REGION, f"key-{n}", rotation_days=365 if n % 2 else None)
    through_answers = ("controls/kms", f"--endpoint-url={answers.url}", "--role-session-name=bench")  # same requests
    first = run_suite(*through_answers, baseline=regional_baseline, endpoint=False)
    answers.recording = False
    answers.limits = RateLimits(lambda request, params: Limit(2, 25, "two at once, 25 per second"))
    second = run_suite(*through_answers, baseline=regional_baseline, endpoint=False)
    assert second.outcomes() == first.outcomes() and "failed" in first.outcomes().values(), second.output
    assert answers.limits.throttled > 0
    assert second.results["run"]["api"]["requests"] == first.results["run"]["api"]["requests"] + answers.limits.throttled
