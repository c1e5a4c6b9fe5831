"""The SNS and SQS controls (controls/serverless), proven against moto."""

from compliance.demo.seed_apps import sns_topic, sqs_queue
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/serverless/test_messaging.py"
CONTROLS = {"sns-topic-encrypted", "sns-delivery-status-logging", "sqs-queue-encrypted"}
OTHER_REGION = "us-east-1"


def test_encrypted_logged_topics_and_queues_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline,
                                                                     run_suite):
    sns_topic(seeder, PROD, REGION, "orders")
    sqs_queue(seeder, PROD, REGION, "orders")
    sqs_queue(seeder, PROD, REGION, "payments", encryption="kms")
    sns_topic(seeder, DEV, REGION, "plain", encrypted=False)
    sns_topic(seeder, DEV, REGION, "unlogged", delivery_logging=False)
    sqs_queue(seeder, DEV, REGION, "plain", encryption=None)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    assert findings(dev) == {
        "sns-topic-encrypted": [(f"arn:aws:sns:{REGION}:{DEV}:plain", "the topic is not encrypted at rest with KMS")],
        "sns-delivery-status-logging": [(f"arn:aws:sns:{REGION}:{DEV}:unlogged",
                                         "no protocol logs the delivery status of its messages")],
        "sqs-queue-encrypted": [(f"arn:aws:sqs:{REGION}:{DEV}:plain", "the queue is not encrypted at rest")]}


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in (REGION, OTHER_REGION):
            sns_topic(seeder, account, region, "orders")
            sqs_queue(seeder, account, region, "orders")
    faults = {(PROD, REGION): ("sns", "ListTopics"), (PROD, OTHER_REGION): ("sns", "GetTopicAttributes"),
              (DEV, REGION): ("sqs", "ListQueues"), (DEV, OTHER_REGION): ("sqs", "GetQueueAttributes")}
    for (account, region), (service, operation) in faults.items():
        local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=account,
                         region=region)
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    for (account, region), (service, operation) in faults.items():
        name = "prod" if account == PROD else "dev"
        controls = {"sqs-queue-encrypted"} if service == "sqs" else CONTROLS - {"sqs-queue-encrypted"}
        assert_unreadable(suite.by_control(f"{name}-{account}-{region}"), controls, f"{service}:{operation}")


def test_moto_reports_delivery_status_attributes_as_aws_does(local_aws, seeder):
    topic = sns_topic(seeder, PROD, REGION, "orders")
    sns = seeder.client("sns", PROD, REGION)
    sns.set_topic_attributes(TopicArn=topic, AttributeName="HTTPSuccessFeedbackSampleRate", AttributeValue="10")
    attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    assert attributes["SQSFailureFeedbackRoleArn"] == f"arn:aws:iam::{PROD}:role/sns-delivery-logs"
    assert attributes["HTTPSuccessFeedbackSampleRate"] == "10" and "LambdaFailureFeedbackRoleArn" not in attributes
