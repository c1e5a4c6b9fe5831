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


def _names_objects_of(value, bucket_arn):
    """True when a basic selector's S3 value takes every object of the bucket
    (``None``: of every bucket)."""
    if _ALL_S3_BUCKETS.match(value):
        return True
    return bucket_arn is not None and value in (bucket_arn, bucket_arn + "/")


def _arn_field_takes_objects_of(field, bucket_arn):
    """True when an advanced ``resources.ARN`` field selector (absent: every
    resource) takes every object of the bucket: a StartsWith prefix of its
    object ARNs, and no other operator."""
    if field is None:
        return True
    return (bucket_arn is not None and set(field) == {"Field", "StartsWith"}
            and any((bucket_arn + "/").startswith(prefix) for prefix in field["StartsWith"]))


def s3_data_event_kinds(selectors, bucket_arn=None):
    """Which S3 object-level events (``read``, ``write``) the trail records for
    every object of the bucket ``bucket_arn`` (None: of all buckets)."""
    kinds = set()
    for selector in selectors.get("EventSelectors") or []:
        for resource in selector.get("DataResources", []):
            if resource["Type"] == "AWS::S3::Object" and any(
                    _names_objects_of(v, bucket_arn) for v in resource["Values"]):
                kinds |= _READ_WRITE[selector.get("ReadWriteType", "All")]
    for selector in selectors.get("AdvancedEventSelectors") or []:
        fields = _fields(selector)
        if (fields.get("eventCategory", {}).get("Equals") == ["Data"]
                and fields.get("resources.type", {}).get("Equals") == ["AWS::S3::Object"]
                and set(fields) <= {"eventCategory", "resources.type", "readOnly", "resources.ARN"}
                and _arn_field_takes_objects_of(fields.get("resources.ARN"), bucket_arn)):
            kinds |= _advanced_kinds(fields)
    return kinds


REQUIRED_DATA_EVENTS = {"none": set(), "read": {"read"}, "write": {"write"}, "all": {"read", "write"}}


def cloudwatch_delivery_problems(trail, max_delivery_age, now):
    """``[(problem, fix)]`` when the trail (with its ``Status``) does not send
    its events to CloudWatch Logs, fails to, or has not within ``max_delivery_age``."""
    arn, status = trail["TrailARN"], trail["Status"]
    delivered = status.get("LatestCloudWatchLogsDeliveryTime")
    if not trail.get("CloudWatchLogsLogGroupArn"):
        return [("it does not send events to CloudWatch Logs",
                 f"aws cloudtrail update-trail --name {arn} --cloud-watch-logs-log-group-arn <group ARN> "
                 "--cloud-watch-logs-role-arn <role CloudTrail assumes>")]
    if status.get("LatestCloudWatchLogsDeliveryError"):
        return [(f"delivery to CloudWatch Logs fails: {status['LatestCloudWatchLogsDeliveryError']}",
                 "give CloudTrail's CloudWatch Logs role logs:CreateLogStream and logs:PutLogEvents on the group")]
    if delivered is None or now - delivered > max_delivery_age:
        return [(f"its last delivery to CloudWatch Logs was {delivered or 'never'}",
                 "check the trail is logging and its CloudWatch Logs role and group exist")]
    return []
