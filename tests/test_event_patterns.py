"""EventBridge pattern matching on the cases rules are written with."""

from compliance.event_patterns import matches

STOP = {"source": "aws.cloudtrail", "detail-type": "AWS API Call via CloudTrail",
        "detail": {"eventSource": "cloudtrail.amazonaws.com", "eventName": "StopLogging",
                   "userIdentity": {"type": "AssumedRole"}, "resources": ["a", "b"]}}


def test_exact_values_nested_fields_and_arrays():
    assert matches({"source": ["aws.cloudtrail"], "detail": {"eventName": ["DeleteTrail", "StopLogging"]}}, STOP)
    assert not matches({"source": ["aws.cloudtrail"], "detail": {"eventName": ["DeleteTrail"]}}, STOP)
    assert not matches({"detail": {"errorCode": ["AccessDenied"]}}, STOP)  # a missing field never equals
    assert matches({"detail": {"resources": ["b"]}}, STOP)  # any element of an event array
    assert matches({}, STOP)


def test_prefix_suffix_wildcard_and_case():
    assert matches({"detail": {"eventName": [{"prefix": "Stop"}]}}, STOP)
    assert matches({"detail": {"eventName": [{"suffix": "Logging"}]}}, STOP)
    assert matches({"detail": {"eventName": [{"wildcard": "*Logging"}]}}, STOP)
    assert matches({"detail": {"eventName": [{"equals-ignore-case": "stoplogging"}]}}, STOP)
    assert matches({"detail": {"eventName": [{"prefix": {"equals-ignore-case": "stop"}}]}}, STOP)
    assert not matches({"detail": {"eventName": [{"prefix": "Start"}]}}, STOP)


def test_anything_but_exists_and_or():
    assert matches({"detail": {"eventName": [{"anything-but": ["StartLogging"]}]}}, STOP)
    assert not matches({"detail": {"eventName": [{"anything-but": {"prefix": "Stop"}}]}}, STOP)
    assert matches({"detail": {"errorCode": [{"exists": False}]}}, STOP)
    assert not matches({"detail": {"eventName": [{"exists": False}]}}, STOP)
    assert matches({"$or": [{"source": ["aws.s3"]}, {"detail": {"eventName": ["StopLogging"]}}]}, STOP)
    assert not matches({"$or": [{"source": ["aws.s3"]}, {"detail-type": ["Other"]}]}, STOP)


def test_unknown_filters_match_nothing():
    assert not matches({"detail": {"eventName": [{"numeric": [">", 0]}]}}, STOP)
