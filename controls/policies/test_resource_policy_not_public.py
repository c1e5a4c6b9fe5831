"""Resource policies let no one outside the trust zone in."""

import pytest

from compliance.inventory.s3 import restricts_public_buckets
from compliance.policy import bucket_resources, outside_findings

FIX = ("add a condition outsiders cannot satisfy (StringEquals aws:PrincipalOrgID <organization ID>, "
       "aws:SourceVpce or aws:SourceAccount), name the principals instead of '*', or list a third party "
       "the organization trusts under trusted_third_parties in the baseline")


@pytest.mark.control("resource-policy-not-public")
def test_regional_resource_policies_not_public(regional_resource_policies, trust_zone, evidence):
    evidence.record("resource_policies", regional_resource_policies)
    evidence.record("trust_zone", trust_zone.summary())
    findings = [f for resource in regional_resource_policies
                for f in outside_findings(resource["Arn"], resource["Policy"], [resource["Arn"]], resource["Service"],
                                          trust_zone, FIX)]
    evidence.verdict(findings)


@pytest.mark.control("resource-policy-not-public")
def test_bucket_policies_not_public(bucket_policies, trust_zone, partition, evidence):
    evidence.record("buckets", bucket_policies)
    evidence.record("trust_zone", trust_zone.summary())
    findings = [
        f for bucket in bucket_policies
        for f in outside_findings(f"arn:{partition}:s3:::{bucket['Bucket']}", bucket["Policy"],
                                  bucket_resources(bucket["Bucket"], partition), "s3", trust_zone, FIX,
                                  public_blocked=restricts_public_buckets(bucket))
    ]
    evidence.verdict(findings)
