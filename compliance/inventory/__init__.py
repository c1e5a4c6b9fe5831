"""Inventory: small functions per service that ask AWS through ``AccountApi``
and return plain data. Controls read these; nothing else calls AWS."""


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
