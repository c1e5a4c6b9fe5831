"""Member accounts' root users are managed centrally from the management account."""

import pytest

from compliance.evidence import Finding, root_arn

# Each feature, and the command that enables it.
FEATURES = {"RootCredentialsManagement": "aws iam enable-organizations-root-credentials-management",
            "RootSessions": "aws iam enable-organizations-root-sessions"}


@pytest.mark.control("centralized-root-access")
def test_centralized_root_access(centralized_root_access, management_account, partition, evidence):
    evidence.record("enabled_features", centralized_root_access)
    where = root_arn(partition, management_account.id)
    if centralized_root_access is None:
        findings = [Finding(where, "IAM's trusted access in AWS Organizations is off, so root access cannot be "
                                   "managed centrally",
                            "aws organizations enable-aws-service-access --service-principal iam.amazonaws.com")]
    else:
        findings = [Finding(where, f"centralized root access feature {feature} is not enabled", enable)
                    for feature, enable in FEATURES.items() if feature not in centralized_root_access]
    evidence.verdict(findings)
