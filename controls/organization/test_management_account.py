"""The management account runs no workloads."""

import pytest

from compliance.evidence import Finding

FIX = "move it to a member account and remove it from the management account"


@pytest.mark.control("management-account-no-workloads")
def test_management_account_no_workloads(management_workloads, management_account, partition, evidence):
    evidence.record("workloads", management_workloads)
    account = management_account.id
    findings = [
        finding
        for region, found in sorted(management_workloads.items())
        for finding in (
            [Finding(f"arn:{partition}:ec2:{region}:{account}:instance/{i['InstanceId']}", "a running EC2 instance",
                     FIX) for i in found["Instances"]]
            + [Finding(db["DBInstanceArn"], "an RDS database", FIX) for db in found["Databases"]]
            + [Finding(fn["FunctionArn"], "a Lambda function", FIX) for fn in found["Functions"]]
        )
    ]
    evidence.verdict(findings)
