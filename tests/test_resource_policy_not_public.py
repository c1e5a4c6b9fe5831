"""The resource-policy control, proven against moto: restricted policies
pass, each service's public policy fails, unreadable policies error."""

import pytest

from compliance.demo.organization import create_function, create_key, open_policy
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/policies/test_resource_policy_not_public.py"
ORG_ONLY = {"StringEquals": {"aws:PrincipalOrgID": "o-demo1234567"}}


def seed(seeder, account, condition):
    """One of each resource in ``account``, each policy open to '*' under ``condition``."""
    sqs = seeder.client("sqs", account, REGION)
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": open_policy("sqs:SendMessage", queue_arn, condition)})
    sns = seeder.client("sns", account, REGION)
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy",
                             AttributeValue=open_policy("sns:Publish", topic, condition))
    key = create_key(seeder, account, REGION, "data")
    seeder.client("kms", account, REGION).put_key_policy(
        KeyId=key, PolicyName="default", Policy=open_policy("kms:Decrypt", "*", condition, principal={"AWS": "*"}))
    lam = create_function(seeder, account, REGION, "fn")
    permission = {"StatementId": "Open", "Action": "lambda:InvokeFunction", "FunctionName": "fn", "Principal": "*"}
    if condition:
        permission["PrincipalOrgID"] = "o-demo1234567"
    lam.add_permission(**permission)
    ecr = seeder.client("ecr", account, REGION)
    ecr.create_repository(repositoryName="images")
    ecr.set_repository_policy(repositoryName="images", policyText=open_policy("ecr:BatchGetImage", "*", condition))
    s3 = seeder.client("s3", account, REGION)
    s3.create_bucket(Bucket=f"shared-{account}", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_policy(Bucket=f"shared-{account}",
                         Policy=open_policy("s3:GetObject", f"arn:aws:s3:::shared-{account}/*", condition))



def test_policies_restricted_to_the_organization_pass(seeder, audit_roles, regional_baseline, run_suite):
    seed(seeder, PROD, ORG_ONLY)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.returncode == 0, suite.output
    services = {r["Service"] for r in suite.result(f"prod-{PROD}-{REGION}")["evidence"]["resource_policies"]}
    assert services == {"sqs", "sns", "kms", "lambda", "ecr"}  # every service read, none public


def test_each_public_policy_fails_naming_resource_and_statement(seeder, audit_roles, regional_baseline, run_suite):
    seed(seeder, DEV, None)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    regional = suite.result(f"dev-{DEV}-{REGION}")
    assert regional["outcome"] == "failed"
    by_service = {f["resource"].split(":")[2]: f["problem"] for f in regional["findings"]}
    assert set(by_service) == {"sqs", "sns", "kms", "lambda", "ecr"}
    assert by_service["sqs"].startswith("policy statement Open allows sqs:SendMessage on arn:aws:sqs:")
    assert by_service["lambda"].endswith("to anyone, unauthenticated")
    assert by_service["kms"].endswith("to any AWS account")  # {"AWS": "*"}: authenticated callers
    buckets = suite.result(f"dev-{DEV}")
    assert [f["resource"] for f in buckets["findings"]] == [f"arn:aws:s3:::shared-{DEV}"]
    assert suite.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed"


def test_restrict_public_buckets_makes_a_public_bucket_policy_unreachable(seeder, audit_roles, regional_baseline,
                                                                          run_suite):
    seed(seeder, DEV, None)
    seeder.client("s3control", DEV, "us-east-1").put_public_access_block(
        AccountId=DEV, PublicAccessBlockConfiguration={"RestrictPublicBuckets": True})
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.result(f"dev-{DEV}")["outcome"] == "passed"


@pytest.mark.parametrize("service, operation", [
    ("sqs", "GetQueueAttributes"), ("sns", "ListTopics"), ("kms", "GetKeyPolicy"), ("lambda", "GetPolicy"),
    ("ecr", "GetRepositoryPolicy"), ("s3", "GetBucketPolicy")])
def test_an_unreadable_policy_errors(service, operation, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    seed(seeder, PROD, ORG_ONLY)
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    label = f"prod-{PROD}" if service == "s3" else f"prod-{PROD}-{REGION}"
    assert suite.result(label)["outcome"] == "error"
    assert f"could not read {service}:{operation} in account {PROD}" in suite.result(label)["message"]
