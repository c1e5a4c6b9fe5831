"""Systems Manager manages every instance, and the nodes it manages are
patched and comply with their associations."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("ssm-managed-instances")
def test_ssm_managed_instances(ssm_instance_management, evidence):
    judge_each(evidence, "instances", ssm_instance_management, ("Arn", "InstanceId", "State", "ManagedNode"),
               lambda i: None if i["ManagedNode"] else "Systems Manager does not manage the instance",
               lambda i: (f"install and start the SSM Agent on {i['InstanceId']} and give it an instance profile "
                          "with AmazonSSMManagedInstanceCore (or turn on Default Host Management Configuration: "
                          "aws ssm update-service-setting --setting-id /ssm/managed-instance/default-ec2-instance-"
                          "management-role --setting-value <role>)"))


def compliance_problem(compliance_type, missing):
    """A node's problem with ``compliance_type``: its summary is NON_COMPLIANT,
    or, when ``missing`` says so, there is none."""
    def problem(node):
        summary = node["Compliance"].get(compliance_type)
        if summary is None:
            return missing
        if summary["Status"] != "COMPLIANT":
            count = summary.get("NonCompliantSummary", {}).get("NonCompliantCount", "some")
            return (f"{compliance_type} compliance is {summary['Status']} ({count} non-compliant item(s), "
                    f"severity {summary.get('OverallSeverity', 'not given')})")
        return None
    return problem


@pytest.mark.control("ssm-patch-compliance")
def test_ssm_patch_compliance(ssm_node_compliance, evidence):
    judge_each(evidence, "managed_nodes", ssm_node_compliance, ("Arn", "InstanceId", "PingStatus", "Compliance"),
               compliance_problem("Patch", "no patch compliance is recorded: no patch scan has reported"),
               lambda n: (f"aws ssm send-command --document-name AWS-RunPatchBaseline --targets "
                          f"Key=InstanceIds,Values={n['InstanceId']} --parameters Operation=Install; schedule it "
                          "with a patch policy (Quick Setup) or a maintenance window"))


@pytest.mark.control("ssm-association-compliance")
def test_ssm_association_compliance(ssm_node_compliance, evidence):
    judge_each(evidence, "managed_nodes", ssm_node_compliance, ("Arn", "InstanceId", "PingStatus", "Compliance"),
               compliance_problem("Association", None),
               lambda n: (f"aws ssm list-compliance-items --resource-ids {n['InstanceId']} --resource-types "
                          "ManagedInstance --filters Key=ComplianceType,Values=Association to see which association "
                          "failed; fix its document or parameters and aws ssm start-associations-once "
                          "--association-ids <id>"))
