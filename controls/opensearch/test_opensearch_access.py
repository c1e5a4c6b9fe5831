"""OpenSearch and Elasticsearch domains are closed to the public, and
OpenSearch domains control access down to indices, documents and fields."""

import pytest

from compliance.evidence import Finding
from compliance.policy import outside_findings
from controls.judging import settings
from controls.opensearch.domains import UPDATE, judge_domains
from controls.shapes import required

VPC_FIX = ("a domain cannot move into a VPC: create one with --vpc-options SubnetIds=<subnets>,"
           "SecurityGroupIds=<groups>, restore a snapshot of {DomainName} into it and switch clients over")
POLICY_FIX = (UPDATE + "--access-policies <policy> with a "
              "condition outsiders cannot satisfy (aws:PrincipalOrgID) or named principals instead of '*'")


def in_vpc(domain):
    """True when the domain's endpoint is in a VPC (VPCOptions names its VPC or subnets; public domains have none)."""
    vpc = domain.get("VPCOptions") or {}
    return bool(vpc.get("VPCId") or vpc.get("SubnetIds"))


@pytest.mark.control("opensearch-not-public")
def test_opensearch_not_public(search_domains, trust_zone, evidence):
    evidence.record("domains", settings(search_domains, ("ARN", "DomainName", "VPCOptions", "Endpoint", "Policy")))
    evidence.record("trust_zone", trust_zone.summary())
    findings = []
    for domain in search_domains:
        if not in_vpc(domain):
            findings.append(Finding(domain["ARN"], "the domain is not in a VPC: its endpoint is on the internet",
                                    VPC_FIX.format_map(domain)))
        findings += outside_findings(domain["ARN"], domain["Policy"], [domain["ARN"], f"{domain['ARN']}/*"], "es",
                                     trust_zone, POLICY_FIX.format_map(domain))
    evidence.verdict(findings)


@pytest.mark.control("opensearch-fine-grained-access-control")
def test_opensearch_fine_grained_access_control(search_domains, evidence):
    judge_domains(evidence, search_domains, ("AdvancedSecurityOptions",),
                  required("AdvancedSecurityOptions.Enabled", "fine-grained access control is off"),
                  UPDATE + "--advanced-security-options 'Enabled=true,InternalUserDatabaseEnabled=false,"
                  "MasterUserOptions={{MasterUserARN=<role ARN>}}'")
