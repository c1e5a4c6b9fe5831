"""Security services of the organization are run from a delegated member account, not the management account."""

import pytest

from compliance.evidence import Finding, root_arn


@pytest.mark.control("organization-delegated-administrators")
def test_organization_delegated_administrators(delegated_administrators, management_account, partition, params,
                                               evidence):
    evidence.record("delegated_administrators", delegated_administrators)
    delegated = {service for services in delegated_administrators.values() for service in services}
    findings = [Finding(root_arn(partition, management_account.id),
                        f"{service} has no delegated administrator: it can only be run from the management account",
                        f"aws organizations register-delegated-administrator --service-principal {service} "
                        "--account-id <security account> (or the service's own enable-organization-admin-account)")
                for service in params["services"] if service not in delegated]
    evidence.verdict(findings)
