"""Amazon RDS: DB instances (Aurora cluster members included) and the
certificate authorities RDS offers."""


def db_instances(api, region):
    return sorted(api.read("rds", "DescribeDBInstances", region)["DBInstances"],
                  key=lambda db: db["DBInstanceArn"])


def certificate_authorities(api, region):
    """``{CA identifier: certificate}`` from ``DescribeCertificates``."""
    return {c["CertificateIdentifier"]: c for c in api.read("rds", "DescribeCertificates", region)["Certificates"]}
