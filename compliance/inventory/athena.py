"""Amazon Athena workgroups."""


def workgroup_names(api, region):
    """ListWorkGroups, page by page (botocore has no paginator for it)."""
    names, page = [], {}
    while True:
        answer = api.read("athena", "ListWorkGroups", region, **page)
        names += [w["Name"] for w in answer.get("WorkGroups", [])]
        if not answer.get("NextToken"):
            return names
        page = {"NextToken": answer["NextToken"]}


def workgroups(api, region):
    """Each workgroup's GetWorkGroup (ListWorkGroups does not carry its
    configuration; side by side), sorted by name."""
    found = api.each(lambda name: api.read("athena", "GetWorkGroup", region, absent=("InvalidRequestException",),
                                           WorkGroup=name), workgroup_names(api, region))
    return sorted((a["WorkGroup"] for a in found if a is not None), key=lambda w: w["Name"])
