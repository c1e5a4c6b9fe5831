"""Resource policies do not admit outsiders through 'Principal' '*'."""

import pytest

from compliance.evidence import Finding
from compliance.policy import bucket_resources
from compliance.policy_language import outsider_access

FIX = ("add a condition outsiders cannot satisfy (StringEquals aws:PrincipalOrgID <organization ID>, "
       "aws:SourceVpce or aws:SourceAccount), or name the principals instead of '*'")


def policy_findings(arn, document, resources, service):
    """One finding per Allow statement an outsider can use."""
    if document is None:
        return []
    try:
        grants = outsider_access(document, resources, service)
    except ValueError as error:
        return [Finding(arn, f"the policy could not be weighed exhaustively ({error})", "review the policy by hand")]
    return [Finding(arn, f"policy statement {name} allows {action} on {resource} to "
                         f"{'anyone, unauthenticated' if who == 'anonymous' else 'any AWS account'}", FIX)
            for name, action, resource, who in grants]


def restricts_public_buckets(bucket):
    return any((settings or {}).get("RestrictPublicBuckets")
               for settings in (bucket["PublicAccessBlock"], bucket["AccountPublicAccessBlock"]))


@pytest.mark.control("resource-policy-not-public")
def test_regional_resource_policies_not_public(regional_resource_policies, evidence):
    evidence.record("resource_policies", regional_resource_policies)
    findings = [f for resource in regional_resource_policies
                for f in policy_findings(resource["Arn"], resource["Policy"], [resource["Arn"]], resource["Service"])]
    evidence.verdict(findings)


@pytest.mark.control("resource-policy-not-public")
def test_bucket_policies_not_public(bucket_policies, partition, evidence):
    evidence.record("buckets", bucket_policies)
    findings = [
        f for bucket in bucket_policies if not restricts_public_buckets(bucket)
        for f in policy_findings(f"arn:{partition}:s3:::{bucket['Bucket']}", bucket["Policy"],
                                 bucket_resources(bucket["Bucket"], partition), "s3")
    ]
    evidence.verdict(findings)
