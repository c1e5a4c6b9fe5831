"""AWS Systems Manager: managed nodes, their compliance, and the account's
own documents with who they are shared with."""

from compliance.aws.answers import extended


def managed_nodes(api, region):
    """Nodes whose SSM Agent has reported to Systems Manager, by instance ID."""
    answer = api.read("ssm", "DescribeInstanceInformation", region)
    return {node["InstanceId"]: node for node in answer["InstanceInformationList"]}


def compliance_summaries(api, region):
    """Every managed node's compliance summary (all types: Patch, Association, Custom:...)."""
    answer = api.read("ssm", "ListResourceComplianceSummaries", region,
                      Filters=[{"Key": "ResourceType", "Values": ["ManagedInstance"], "Type": "EQUAL"}])
    return answer["ResourceComplianceSummaryItems"]


def own_documents(api, region):
    """Documents the account owns, each with ``SharedWith``: the account IDs
    it is shared with ("all" means public; no AccountIds, shared with none)."""
    answer = api.read("ssm", "ListDocuments", region, Filters=[{"Key": "Owner", "Values": ["Self"]}])
    return [extended(d, SharedWith=api.read("ssm", "DescribeDocumentPermission", region, Name=d["Name"],
                                            PermissionType="Share").get("AccountIds", []))
            for d in sorted(answer["DocumentIdentifiers"], key=lambda d: d["Name"])]
