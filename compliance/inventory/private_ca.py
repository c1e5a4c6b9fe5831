"""AWS Private Certificate Authority (Private CA) certificate authorities."""


def certificate_authorities(api, region):
    """The region's private certificate authorities the account owns (Type ROOT or SUBORDINATE, Status)."""
    answer = api.read("acm-pca", "ListCertificateAuthorities", region, ResourceOwner="SELF")
    return sorted(answer["CertificateAuthorities"], key=lambda ca: ca["Arn"])
