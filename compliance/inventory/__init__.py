"""Inventory: small functions per service that ask AWS through ``AccountApi``
and return plain data. Controls read these; nothing else calls AWS."""

from compliance.errors import ApiUnreadable


def every_page(api, service, operation, region, member, **params):
    """Every ``member`` item of an operation botocore has no paginator for:
    each NextToken is read as a page (a question) of its own."""
    items, token = [], {}
    while True:
        page = api.read(service, operation, region, **params, **token)
        items += page[member]
        if not page.get("NextToken"):
            return items
        token = {"NextToken": page["NextToken"]}


def batches(items, size):
    """``items`` in consecutive lists of at most ``size``: for the requests
    that take a bounded number of names (DescribeServices takes 10)."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def whole(api, service, operation, region, answer, reason, key, asked):
    """``answer[key]`` of a batch read asked about ``asked`` names, which may
    list ``failures`` for some: a failure (named as ``reason(failure)`` says),
    or fewer answers than names, makes the read unreadable."""
    if answer.get("failures"):
        raise ApiUnreadable(service, operation, api.account_id, region, "Failure", reason(answer["failures"][0]))
    if len(answer[key]) < len(asked):
        raise ApiUnreadable(service, operation, api.account_id, region, "Incomplete",
                            f"{len(answer[key])} {key} answered for {len(asked)} asked")
    return answer[key]
