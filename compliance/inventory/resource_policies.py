"""Resource policies of one region: SQS queues, SNS topics, customer-managed
KMS keys, Lambda functions and ECR repositories, each as
``{"Service", "Arn", "Policy"}`` with the policy parsed (None: no policy).
Buckets are in compliance.inventory.s3 (their reads go to each bucket's region).
"""

import json

from compliance.inventory import ecr, kms


def _parsed(text):
    return json.loads(text) if text else None


# The queue attributes the controls judge: its policy here, its encryption in controls/serverless.
QUEUE_ATTRIBUTES = ["QueueArn", "Policy", "KmsMasterKeyId", "SqsManagedSseEnabled"]


def queue_attributes(api, region):
    """The attributes (``QUEUE_ATTRIBUTES``) of every SQS queue of the region, one request a queue."""
    return api.each(lambda url: api.read("sqs", "GetQueueAttributes", region, QueueUrl=url,
                                         AttributeNames=QUEUE_ATTRIBUTES)["Attributes"],
                    api.read("sqs", "ListQueues", region).get("QueueUrls", []))


def topic_attributes(api, region):
    """Every attribute of every SNS topic of the region, one request a topic."""
    return api.each(lambda topic: api.read("sns", "GetTopicAttributes", region,
                                           TopicArn=topic["TopicArn"])["Attributes"],
                    api.read("sns", "ListTopics", region)["Topics"])


def sqs_queues(api, region):
    return [{"Service": "sqs", "Arn": a["QueueArn"], "Policy": _parsed(a.get("Policy"))}
            for a in queue_attributes(api, region)]


def sns_topics(api, region):
    return [{"Service": "sns", "Arn": a["TopicArn"], "Policy": _parsed(a.get("Policy"))}
            for a in topic_attributes(api, region)]


def kms_keys(api, region):
    """Customer-managed keys only: AWS manages the policies of its own keys."""
    return api.each(lambda key: {"Service": "kms", "Arn": key["Arn"], "Policy": _parsed(
        api.read("kms", "GetKeyPolicy", region, KeyId=key["KeyId"], PolicyName="default")["Policy"])},
                    [key for key in kms.keys(api, region) if key["KeyManager"] == "CUSTOMER"])


def functions(api, region):
    """The region's Lambda functions (``ListFunctions``)."""
    return api.read("lambda", "ListFunctions", region)["Functions"]


def lambda_functions(api, region):
    def with_policy(function):
        answer = api.read("lambda", "GetPolicy", region, absent=("ResourceNotFoundException",),
                          FunctionName=function["FunctionArn"])
        return {"Service": "lambda", "Arn": function["FunctionArn"],
                "Policy": _parsed(answer["Policy"]) if answer else None}

    return api.each(with_policy, functions(api, region))


def ecr_repositories(api, region):
    def with_policy(repository):
        answer = api.read("ecr", "GetRepositoryPolicy", region, absent=("RepositoryPolicyNotFoundException",),
                          repositoryName=repository["repositoryName"], registryId=repository["registryId"])
        return {"Service": "ecr", "Arn": repository["repositoryArn"],
                "Policy": _parsed(answer["policyText"]) if answer else None}

    return api.each(with_policy, ecr.repositories(api, region))


READERS = (sqs_queues, sns_topics, kms_keys, lambda_functions, ecr_repositories)


def regional(api, region):
    """Every resource policy of the region, sorted by ARN."""
    return sorted((r for read in READERS for r in read(api, region)), key=lambda r: r["Arn"])
