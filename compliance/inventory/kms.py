"""AWS KMS: keys with their metadata, aliases and rotation status."""

from compliance.aws.answers import extended

AUTOMATIC_ROTATION_ORIGIN = "AWS_KMS"


def keys(api, region):
    """Every KMS key in the region: ``DescribeKey`` metadata plus ``Aliases``
    (alias ARNs), sorted by key ARN."""
    aliases = {}
    for alias in api.read("kms", "ListAliases", region)["Aliases"]:
        if "TargetKeyId" in alias:
            aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasArn"])

    def described(listed):
        metadata = api.read("kms", "DescribeKey", region, KeyId=listed["KeyId"])["KeyMetadata"]
        return extended(metadata, Aliases=sorted(aliases.get(metadata["KeyId"], [])))

    return sorted(api.each(described, api.read("kms", "ListKeys", region)["Keys"]), key=lambda key: key["Arn"])


def rotates_automatically_if_enabled(key):
    """True for keys whose material AWS KMS can rotate: enabled, customer
    managed, symmetric encryption keys with AWS_KMS origin."""
    return (
        key["KeyManager"] == "CUSTOMER"
        and key["KeyState"] == "Enabled"
        and key["KeySpec"] == "SYMMETRIC_DEFAULT"
        and key["KeyUsage"] == "ENCRYPT_DECRYPT"
        and key["Origin"] == AUTOMATIC_ROTATION_ORIGIN
    )


def rotation_status(api, region, key):
    """``GetKeyRotationStatus``: ``KeyRotationEnabled`` and, when enabled,
    ``RotationPeriodInDays``."""
    return api.read("kms", "GetKeyRotationStatus", region, KeyId=key["KeyId"])


def key(api, key_arn):
    """``DescribeKey`` of one key by ARN, read in the key's own region."""
    return api.read("kms", "DescribeKey", key_arn.split(":")[3], KeyId=key_arn)["KeyMetadata"]
