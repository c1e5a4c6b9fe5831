"""AWS Secrets Manager: the secrets' metadata (never their values)."""


def secrets(api, region):
    """Every secret of the region not scheduled for deletion, with its rotation
    settings and last rotation, change and access dates (ListSecrets)."""
    return sorted(api.read("secretsmanager", "ListSecrets", region)["SecretList"], key=lambda s: s["ARN"])
