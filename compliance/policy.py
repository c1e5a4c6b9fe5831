"""The questions controls ask of resource policies, answered by evaluating
them (compliance.policy_language), not by matching their text."""

from compliance.evidence import Finding
from compliance.policy_language import DENY, OUTSIDER_ARN, Request, condition_values, evaluate, outsider_access

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


def outside_findings(arn, document, resources, service, zone, fix, public_blocked=False):
    """One finding per Allow statement of ``document`` (None: no policy) that
    lets someone outside ``zone`` in, naming the statement and who. A policy
    too complex to weigh exhaustively is a finding too, for a person to review.

    ``public_blocked``: the service refuses every outsider when the policy is
    public (S3's RestrictPublicBuckets), so only a policy that is not public
    - one naming outside accounts - lets them in."""
    if document is None:
        return []
    try:
        grants = outsider_access(document, resources, service, zone)
    except ValueError as error:
        return [Finding(arn, f"the policy could not be weighed exhaustively ({error})", "review the policy by hand")]
    if public_blocked and any(grant.anyone for grant in grants):
        return []
    unknown = "" if zone.organization_id else f" (the zone comes from {zone.source})"
    return [Finding(arn, f"policy statement {g.statement} allows {g.action} on {g.resource} to {g.who}{unknown}", fix)
            for g in grants]
