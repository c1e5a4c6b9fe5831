"""The read-only guard: no request that could change an estate is ever sent.

It is registered on every botocore session the suite creates and runs before
a request is built, so a refused operation never reaches the network.
"""

import re

from compliance.errors import ReadOnlyViolation

READ_VERBS = re.compile(r"^(Describe|Get|List|Lookup|BatchGet|Search|Head)[A-Z]")

# Operations whose verb is not a read verb but which change nothing in the
# estate being audited: assuming the audit role, and asking IAM to build the
# credential report (a read-only snapshot that AWS's SecurityAudit policy allows).
EXTRA_ALLOWED = frozenset({("sts", "AssumeRole"), ("iam", "GenerateCredentialReport")})

# Reads that return secret material the suite must never hold.
SECRET_READS = frozenset(
    {
        ("secretsmanager", "GetSecretValue"),
        ("ec2", "GetPasswordData"),
        ("ssm", "GetParameter"),
        ("ssm", "GetParameters"),
        ("ssm", "GetParametersByPath"),
    }
)


def is_allowed(service, operation):
    """True when the operation only reads, and reads no secret material."""
    if (service, operation) in SECRET_READS:
        return False
    return (service, operation) in EXTRA_ALLOWED or bool(READ_VERBS.match(operation))


def refuse_writes(model, **_):
    """botocore ``before-parameter-build`` handler enforcing ``is_allowed``."""
    service = model.service_model.service_name
    if not is_allowed(service, model.name):
        raise ReadOnlyViolation(
            f"refused {service}:{model.name}: the compliance suite is read-only and "
            "sends only Describe/Get/List-style operations"
        )


def install(botocore_session):
    botocore_session.register("before-parameter-build", refuse_writes, unique_id="compliance-read-only")
