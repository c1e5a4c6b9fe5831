"""The questions controls ask of resource policies, answered by evaluating
them (compliance.policy_language), not by matching their text."""

from compliance.policy_language import (
    DENY,
    OUTSIDER_ARN,
    Organization,
    Request,
    condition_values,
    evaluate,
    outsider_access,
)

# Requests without TLS from these callers must all be denied.
_TRANSPORT_CALLERS = (None, OUTSIDER_ARN)


def bucket_resources(bucket, partition="aws"):
    """The ARNs a request to a bucket can name: the bucket, and an object in it."""
    arn = f"arn:{partition}:s3:::{bucket}"
    return [arn, f"{arn}/any-object"]


def denies_insecure_transport(document, bucket, partition="aws", insider=None):
    """True when every S3 action (``s3:*``) on the bucket and its objects is
    explicitly denied to every caller - anonymous, another account's, and
    ``insider`` ``(account ID, organization ID or None)`` - whenever
    ``aws:SecureTransport`` is false."""
    callers = [(caller, {}) for caller in _TRANSPORT_CALLERS]
    if insider:
        account, org_id = insider
        # Without the organization's ID, an insider may belong to any organization the policy names.
        org_ids = [org_id] if org_id else [None, *sorted({str(v) for v in condition_values(document, "aws:PrincipalOrgID")})]
        callers += [(f"arn:aws:iam::{account}:role/any",
                     {"aws:PrincipalAccount": account, **({"aws:PrincipalOrgID": o} if o else {})}) for o in org_ids]
    return all(
        evaluate(document, Request(action="s3:*", resource=resource, principal=caller,
                                   context={"aws:SecureTransport": "false", **context})) == DENY
        for caller, context in callers
        for resource in bucket_resources(bucket, partition)
    )


def grants_outside_organization(document, org_id, org_accounts, resources, service):
    """``[(statement label, why)]`` for each Allow statement that lets a caller
    outside the organization in: anonymous, any account, or an account or
    organization the policy names that is not this one."""
    organization = Organization(org_id, frozenset(org_accounts))
    return [
        (name, f"allows {action} on {resource} to {'anyone (anonymous)' if who == 'anonymous' else who}, "
               "outside the organization")
        for name, action, resource, who in outsider_access(document, resources, service, organization)
    ]
