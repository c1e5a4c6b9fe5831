"""AWS CodeBuild: the region's projects, with their environment variables
and source URLs reduced to digests as they are read
(compliance.aws.customer_data), and its report groups."""

from compliance.errors import ApiUnreadable
from compliance.inventory import batches


def _found(api, region, operation, answer, key, not_found_key, asked):
    """``answer[key]``, unless BatchGet answered that a listed name was not
    found, or answered fewer than it was asked about."""
    if answer.get(not_found_key):
        raise ApiUnreadable("codebuild", operation, api.account_id, region, "NotFound",
                            f"{', '.join(answer[not_found_key])} listed but not found")
    if len(answer[key]) < len(asked):
        raise ApiUnreadable("codebuild", operation, api.account_id, region, "Incomplete",
                            f"{len(answer[key])} {key} answered for {len(asked)} asked")
    return answer[key]


def projects(api, region):
    """Every project of the region (``ListProjects``, then ``BatchGetProjects``
    100 names a request), sorted by ARN."""
    names = sorted(api.read("codebuild", "ListProjects", region)["projects"])
    found = [project for batch in batches(names, 100) for project in _found(
        api, region, "BatchGetProjects", api.read("codebuild", "BatchGetProjects", region, names=batch),
        "projects", "projectsNotFound", batch)]
    return sorted(found, key=lambda p: p["arn"])


def report_groups(api, region):
    """Every report group of the region (``ListReportGroups``, then
    ``BatchGetReportGroups`` 100 ARNs a request), sorted by ARN."""
    arns = sorted(api.read("codebuild", "ListReportGroups", region)["reportGroups"])
    found = [group for batch in batches(arns, 100) for group in _found(
        api, region, "BatchGetReportGroups", api.read("codebuild", "BatchGetReportGroups", region,
                                                      reportGroupArns=batch),
        "reportGroups", "reportGroupsNotFound", batch)]
    return sorted(found, key=lambda g: g["arn"])
