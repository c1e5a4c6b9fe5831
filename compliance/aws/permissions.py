"""The IAM actions the audit role needs: every API operation the inventory
reads (or asks to generate a report, or reads page by page with
``every_page``), named as IAM names it (which differs from the API name for S3)."""

import re
from pathlib import Path

INVENTORY_DIR = Path(__file__).resolve().parent.parent / "inventory"
_READ_CALL = re.compile(r'(?:api\.read(?:_generated)?\(|every_page\(\s*api,)\s*"([a-z0-9-]+)",\s*"(\w+)"')
_GENERATE_CALL = re.compile(r'api\.read_generated\(\s*"([a-z0-9-]+)",[^)]*?generate="(\w+)"')

# IAM action names that differ from "<service>:<Operation>" (AWS Service
# Authorization Reference: Amazon S3, Amazon API Gateway).
IAM_ACTIONS = {
    ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
    ("s3", "GetBucketLifecycleConfiguration"): "s3:GetLifecycleConfiguration",
    ("s3", "GetBucketEncryption"): "s3:GetEncryptionConfiguration",
    ("s3", "GetObjectLockConfiguration"): "s3:GetBucketObjectLockConfiguration",
    ("s3", "GetPublicAccessBlock"): "s3:GetBucketPublicAccessBlock",
    ("s3", "ListObjectsV2"): "s3:ListBucket",
    ("s3", "HeadBucket"): "s3:ListBucket",
    ("s3", "GetBucketReplication"): "s3:GetReplicationConfiguration",
    ("s3", "GetBucketNotificationConfiguration"): "s3:GetBucketNotification",
    ("s3control", "GetPublicAccessBlock"): "s3:GetAccountPublicAccessBlock",
    ("s3control", "ListAccessPoints"): "s3:ListAccessPoints",
    ("s3control", "GetAccessPoint"): "s3:GetAccessPoint",
    # API Gateway's management API is authorized by HTTP method.
    ("apigateway", "GetRestApis"): "apigateway:GET",
    ("apigateway", "GetStages"): "apigateway:GET",
    ("apigatewayv2", "GetApis"): "apigateway:GET",
    ("apigatewayv2", "GetStages"): "apigateway:GET",
    ("apigatewayv2", "GetRoutes"): "apigateway:GET",
}


def operations_read():
    """Sorted (service, Operation) pairs the inventory modules read."""
    found = set()
    for path in INVENTORY_DIR.glob("*.py"):
        text = path.read_text()
        found |= set(_READ_CALL.findall(text)) | set(_GENERATE_CALL.findall(text))
    return sorted(found)


# IAM service prefixes that differ from botocore's service name.
IAM_PREFIXES = {"efs": "elasticfilesystem", "accessanalyzer": "access-analyzer", "elbv2": "elasticloadbalancing",
                "elb": "elasticloadbalancing", "resourcegroupstaggingapi": "tag", "opensearch": "es",
                "emr": "elasticmapreduce", "stepfunctions": "states"}


def iam_action(service, operation):
    return IAM_ACTIONS.get((service, operation), f"{IAM_PREFIXES.get(service, service)}:{operation}")


def required_actions():
    return sorted({iam_action(*pair) for pair in operations_read()})
