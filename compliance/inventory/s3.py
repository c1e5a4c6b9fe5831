"""Amazon S3: buckets and the bucket settings the controls judge.

Bucket-level reads go to the bucket's own region (``GetBucketLocation``).
Each function answers one question; settings that are not configured come
back as None (AWS answers with a NoSuch... error code for those).
"""

import json

from compliance.inventory import every_page

LEGACY_LOCATIONS = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}


def bucket_names(api, home_region):
    """Names of the buckets this account owns."""
    return sorted(b["Name"] for b in api.read("s3", "ListBuckets", home_region)["Buckets"])


def bucket_name(arn):
    """The name of the bucket ``arn`` (arn:<partition>:s3:::<name>) names."""
    return arn.split(":::", 1)[-1]


def region(api, home_region, bucket):
    constraint = api.read("s3", "GetBucketLocation", home_region, Bucket=bucket).get("LocationConstraint")
    return LEGACY_LOCATIONS.get(constraint, constraint)


def versioning(api, bucket_region, bucket):
    """``{"Status": ..., "MFADelete": ...}``; keys absent when never configured."""
    return api.read("s3", "GetBucketVersioning", bucket_region, Bucket=bucket)


def lifecycle_rules(api, bucket_region, bucket):
    answer = api.read("s3", "GetBucketLifecycleConfiguration", bucket_region,
                      absent=("NoSuchLifecycleConfiguration",), Bucket=bucket)
    return answer["Rules"] if answer else []


def tags(api, bucket_region, bucket):
    answer = api.read("s3", "GetBucketTagging", bucket_region, absent=("NoSuchTagSet",), Bucket=bucket)
    return {t["Key"]: t["Value"] for t in answer["TagSet"]} if answer else {}


def object_lock(api, bucket_region, bucket):
    answer = api.read("s3", "GetObjectLockConfiguration", bucket_region,
                      absent=("ObjectLockConfigurationNotFoundError",), Bucket=bucket)
    return answer["ObjectLockConfiguration"] if answer else None


def object_ownership(api, bucket_region, bucket):
    """The bucket's Object Ownership setting, or None when it has none (ACLs then apply)."""
    answer = api.read("s3", "GetBucketOwnershipControls", bucket_region,
                      absent=("OwnershipControlsNotFoundError",), Bucket=bucket)
    rules = answer["OwnershipControls"]["Rules"] if answer else []
    return rules[0]["ObjectOwnership"] if rules else None  # AWS keeps exactly one rule


def replication(api, bucket_region, bucket):
    """The bucket's replication configuration (``Role``, ``Rules``), or None."""
    answer = api.read("s3", "GetBucketReplication", bucket_region,
                      absent=("ReplicationConfigurationNotFoundError",), Bucket=bucket)
    return answer["ReplicationConfiguration"] if answer else None


def notifications(api, bucket_region, bucket):
    """The bucket's event notification destinations (every member absent when none is set)."""
    return api.read("s3", "GetBucketNotificationConfiguration", bucket_region, Bucket=bucket)


def public_access_block(api, bucket_region, bucket):
    answer = api.read("s3", "GetPublicAccessBlock", bucket_region,
                      absent=("NoSuchPublicAccessBlockConfiguration",), Bucket=bucket)
    return answer["PublicAccessBlockConfiguration"] if answer else None


BLOCK_SETTINGS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")


def block_settings_off(settings):
    """The Block Public Access settings not on in ``settings`` (None: none configured)."""
    return [name for name in BLOCK_SETTINGS if not (settings or {}).get(name)]


def restricts_public_buckets(bucket):
    """True when the bucket's or its account's RestrictPublicBuckets is on:
    S3 then lets no one outside the owner's account use a public policy."""
    return any((settings or {}).get("RestrictPublicBuckets")
               for settings in (bucket["PublicAccessBlock"], bucket["AccountPublicAccessBlock"]))


def account_public_access_block(api, home_region, account_id):
    answer = api.read("s3control", "GetPublicAccessBlock", home_region,
                      absent=("NoSuchPublicAccessBlockConfiguration",), AccountId=account_id)
    return answer["PublicAccessBlockConfiguration"] if answer else None


def policy(api, bucket_region, bucket):
    """The bucket policy as a parsed document, or None."""
    answer = api.read("s3", "GetBucketPolicy", bucket_region, absent=("NoSuchBucketPolicy",), Bucket=bucket)
    return json.loads(answer["Policy"]) if answer else None


def logging(api, bucket_region, bucket):
    """The server access logging target, or None when logging is off."""
    return api.read("s3", "GetBucketLogging", bucket_region, Bucket=bucket).get("LoggingEnabled")


def default_encryption(api, bucket_region, bucket):
    """The bucket's default encryption rules, or None when none is configured."""
    answer = api.read("s3", "GetBucketEncryption", bucket_region,
                      absent=("ServerSideEncryptionConfigurationNotFoundError",), Bucket=bucket)
    return None if answer is None else answer["ServerSideEncryptionConfiguration"]["Rules"]


def object_keys(api, bucket_region, bucket, prefix):
    """Keys of the bucket's objects under ``prefix`` (ListObjectsV2, every page)."""
    return [o["Key"] for o in api.read("s3", "ListObjectsV2", bucket_region, Bucket=bucket, Prefix=prefix)
            .get("Contents", [])]


def access_points(api, region, account_id):
    """The account's S3 access points in the region (ListAccessPoints), each
    with its Block Public Access settings (GetAccessPoint)."""
    found = every_page(api, "s3control", "ListAccessPoints", region, "AccessPointList", AccountId=account_id)
    return [dict(point, PublicAccessBlockConfiguration=api.read(
        "s3control", "GetAccessPoint", region, AccountId=account_id, Name=point["Name"])
        ["PublicAccessBlockConfiguration"]) for point in sorted(found, key=lambda p: p["AccessPointArn"])]
