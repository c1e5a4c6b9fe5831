"""What CloudTrail event selectors record, in the terms the controls judge."""

import re

_READ_WRITE = {"All": {"read", "write"}, "ReadOnly": {"read"}, "WriteOnly": {"write"}}
_ALL_S3_BUCKETS = re.compile(r"^arn:[a-z-]+:s3(:::)?$")


def _advanced_kinds(fields):
    read_only = fields.get("readOnly", {}).get("Equals")
    if read_only is None:
        return {"read", "write"}
    return {"read"} if read_only == ["true"] else {"write"} if read_only == ["false"] else set()


def _fields(selector):
    return {f["Field"]: f for f in selector.get("FieldSelectors", [])}


def management_event_kinds(selectors):
    """Which management events (``read``, ``write``) the trail records in full."""
    kinds = set()
    for selector in selectors.get("EventSelectors") or []:
        if selector.get("IncludeManagementEvents", True) and not selector.get("ExcludeManagementEventSources"):
            kinds |= _READ_WRITE[selector.get("ReadWriteType", "All")]
    for selector in selectors.get("AdvancedEventSelectors") or []:
        fields = _fields(selector)
        if fields.get("eventCategory", {}).get("Equals") == ["Management"] and set(fields) <= {"eventCategory", "readOnly"}:
            kinds |= _advanced_kinds(fields)
    return kinds


def s3_data_event_kinds(selectors):
    """Which S3 object-level events (``read``, ``write``) the trail records for all buckets."""
    kinds = set()
    for selector in selectors.get("EventSelectors") or []:
        for resource in selector.get("DataResources", []):
            if resource["Type"] == "AWS::S3::Object" and any(_ALL_S3_BUCKETS.match(v) for v in resource["Values"]):
                kinds |= _READ_WRITE[selector.get("ReadWriteType", "All")]
    for selector in selectors.get("AdvancedEventSelectors") or []:
        fields = _fields(selector)
        if (fields.get("eventCategory", {}).get("Equals") == ["Data"]
                and fields.get("resources.type", {}).get("Equals") == ["AWS::S3::Object"]
                and set(fields) <= {"eventCategory", "resources.type", "readOnly"}):
            kinds |= _advanced_kinds(fields)
    return kinds


REQUIRED_DATA_EVENTS = {"none": set(), "read": {"read"}, "write": {"write"}, "all": {"read", "write"}}
