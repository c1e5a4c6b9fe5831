"""The Resource Groups Tagging API: tagged resources of a region."""


def tagged_resources(api, region):
    """``[{"ResourceARN", "Tags": [{"Key", "Value"}]}]`` of every tagged resource the API lists in the region."""
    return api.read("resourcegroupstaggingapi", "GetResources", region)["ResourceTagMappingList"]
