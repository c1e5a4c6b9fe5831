"""Resource policies of one region: SQS queues, SNS topics, customer-managed
KMS keys, Lambda functions and ECR repositories, each as
``{"Service", "Arn", "Policy"}`` with the policy parsed (None: no policy).
Buckets are in compliance.inventory.s3 (their reads go to each bucket's region).
"""

import json

from compliance.inventory import kms


def _parsed(text):
    return json.loads(text) if text else None


def sqs_queues(api, region):
    found = []
    for url in api.read("sqs", "ListQueues", region).get("QueueUrls", []):
        attributes = api.read("sqs", "GetQueueAttributes", region, QueueUrl=url,
                              AttributeNames=["QueueArn", "Policy"])["Attributes"]
        found.append({"Service": "sqs", "Arn": attributes["QueueArn"], "Policy": _parsed(attributes.get("Policy"))})
    return found


def sns_topics(api, region):
    found = []
    for topic in api.read("sns", "ListTopics", region)["Topics"]:
        attributes = api.read("sns", "GetTopicAttributes", region, TopicArn=topic["TopicArn"])["Attributes"]
        found.append({"Service": "sns", "Arn": topic["TopicArn"], "Policy": _parsed(attributes.get("Policy"))})
    return found


def kms_keys(api, region):
    """Customer-managed keys only: AWS manages the policies of its own keys."""
    return [
        {"Service": "kms", "Arn": key["Arn"],
         "Policy": _parsed(api.read("kms", "GetKeyPolicy", region, KeyId=key["KeyId"], PolicyName="default")["Policy"])}
        for key in kms.keys(api, region) if key["KeyManager"] == "CUSTOMER"
    ]


def functions(api, region):
    """The region's Lambda functions (``ListFunctions``)."""
    return api.read("lambda", "ListFunctions", region)["Functions"]


def lambda_functions(api, region):
    found = []
    for function in functions(api, region):
        answer = api.read("lambda", "GetPolicy", region, absent=("ResourceNotFoundException",),
                          FunctionName=function["FunctionArn"])
        found.append({"Service": "lambda", "Arn": function["FunctionArn"],
                      "Policy": _parsed(answer["Policy"]) if answer else None})
    return found


def ecr_repositories(api, region):
    found = []
    for repository in api.read("ecr", "DescribeRepositories", region)["repositories"]:
        answer = api.read("ecr", "GetRepositoryPolicy", region, absent=("RepositoryPolicyNotFoundException",),
                          repositoryName=repository["repositoryName"], registryId=repository["registryId"])
        found.append({"Service": "ecr", "Arn": repository["repositoryArn"],
                      "Policy": _parsed(answer["policyText"]) if answer else None})
    return found


READERS = (sqs_queues, sns_topics, kms_keys, lambda_functions, ecr_repositories)


def regional(api, region):
    """Every resource policy of the region, sorted by ARN."""
    return sorted((r for read in READERS for r in read(api, region)), key=lambda r: r["Arn"])
