"""SNS topics and SQS queues: encrypted at rest; topics log delivery status."""

import pytest

from controls.judging import judge_each

FEEDBACK_PROTOCOLS = ("Application", "HTTP", "Lambda", "SQS", "Firehose")


def _set_topic(topic, name, value):
    return f"aws sns set-topic-attributes --topic-arn {topic['TopicArn']} --attribute-name {name} --attribute-value {value}"


@pytest.mark.control("sns-topic-encrypted")
def test_sns_topic_encrypted(sns_topic_attributes, evidence):
    judge_each(evidence, "topics", sns_topic_attributes, ("TopicArn", "KmsMasterKeyId"),
               lambda t: None if t.get("KmsMasterKeyId") else "the topic is not encrypted at rest with KMS",
               lambda t: _set_topic(t, "KmsMasterKeyId", "<KMS key ID, or alias/aws/sns>"))


@pytest.mark.control("sns-delivery-status-logging")
def test_sns_delivery_status_logging(sns_topic_attributes, evidence):
    roles = tuple(f"{p}FailureFeedbackRoleArn" for p in FEEDBACK_PROTOCOLS)
    judge_each(evidence, "topics", sns_topic_attributes, ("TopicArn",) + roles,
               lambda t: None if any(t.get(r) for r in roles) else "no protocol logs the delivery status of its messages",
               lambda t: _set_topic(t, "<Protocol>FailureFeedbackRoleArn", "<role ARN SNS may assume to write logs>"))


@pytest.mark.control("sqs-queue-encrypted")
def test_sqs_queue_encrypted(sqs_queue_attributes, evidence):
    judge_each(evidence, "queues", sqs_queue_attributes, ("QueueArn", "KmsMasterKeyId", "SqsManagedSseEnabled"),
               lambda q: None if q.get("KmsMasterKeyId") or q.get("SqsManagedSseEnabled") == "true"
               else "the queue is not encrypted at rest",
               lambda q: f"aws sqs set-queue-attributes --queue-url <URL of {q['QueueArn']}> "
                         "--attributes SqsManagedSseEnabled=true")
