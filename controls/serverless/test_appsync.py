"""AppSync GraphQL APIs: encrypted caches and field-level logging."""

import pytest

from controls.judging import judge_each

KEYS = ("arn", "name", "logConfig", "ApiCache")


@pytest.mark.control("appsync-cache-encrypted")
def test_appsync_cache_encrypted(appsync_api_caches, evidence):
    judge_each(evidence, "apis", appsync_api_caches, KEYS,
               lambda a: "its cache is not encrypted at rest"
               if a["ApiCache"] is not None and not a["ApiCache"].get("atRestEncryptionEnabled") else None,
               lambda a: f"aws appsync delete-api-cache --api-id {a['apiId']}, then aws appsync create-api-cache "
                         f"--api-id {a['apiId']} --at-rest-encryption-enabled with the same type, TTL and behaviour")


@pytest.mark.control("appsync-field-logging")
def test_appsync_field_logging(appsync_apis, evidence):
    judge_each(evidence, "apis", appsync_apis, KEYS,
               lambda a: None if a.get("logConfig", {}).get("fieldLogLevel", "NONE") != "NONE"
               else "its resolvers' execution is not logged (fieldLogLevel NONE)",
               lambda a: f"aws appsync update-graphql-api --api-id {a['apiId']} --name {a['name']} "
                         "--log-config fieldLogLevel=ERROR,cloudWatchLogsRoleArn=<role ARN>")
