"""AWS CloudFormation: stacks."""


def stacks(api, region):
    """Every stack of the region that is not deleted, with its parameters and outputs."""
    return sorted((s for s in api.read("cloudformation", "DescribeStacks", region)["Stacks"]
                   if s["StackStatus"] != "DELETE_COMPLETE"), key=lambda s: s["StackId"])
