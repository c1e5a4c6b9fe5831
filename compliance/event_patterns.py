"""EventBridge event patterns: does a pattern match an event?

Follows the content-filtering rules of the EventBridge User Guide: every
field of the pattern must match; a pattern value is a list of alternatives;
an event array matches when any element does; ``$or`` takes any of its
patterns. Supported filters: exact values, prefix, suffix, anything-but
(values, prefix, suffix), exists, equals-ignore-case and wildcard. A filter
this module does not know (numeric, cidr) matches nothing, so a rule built on
one is never taken to react to an event it might not.
"""

import fnmatch

_ABSENT = object()


def matches(pattern, event):
    """True when the EventBridge ``pattern`` (parsed JSON) matches ``event``."""
    for key, wanted in pattern.items():
        if key == "$or":
            if not any(matches(alternative, event) for alternative in wanted):
                return False
            continue
        value = event.get(key, _ABSENT) if isinstance(event, dict) else _ABSENT
        if isinstance(wanted, dict):
            if value is _ABSENT or not matches(wanted, value):
                return False
        elif not _field_matches(wanted, value):
            return False
    return True


def _field_matches(alternatives, value):
    for alternative in alternatives:
        if isinstance(alternative, dict) and "exists" in alternative:
            if alternative["exists"] == (value is not _ABSENT):
                return True
            continue
        if value is _ABSENT:
            continue
        values = value if isinstance(value, list) else [value]
        if any(_value_matches(alternative, v) for v in values):
            return True
    return False


def _value_matches(alternative, value):
    if not isinstance(alternative, dict):
        return alternative == value
    if "prefix" in alternative:
        return _text_filter("prefix", alternative["prefix"], value)
    if "suffix" in alternative:
        return _text_filter("suffix", alternative["suffix"], value)
    if "equals-ignore-case" in alternative:
        return isinstance(value, str) and value.lower() == alternative["equals-ignore-case"].lower()
    if "wildcard" in alternative:
        return isinstance(value, str) and fnmatch.fnmatchcase(value, alternative["wildcard"])
    if "anything-but" in alternative:
        return not _anything_but_excludes(alternative["anything-but"], value)
    return False


def _text_filter(kind, operand, value):
    if not isinstance(value, str):
        return False
    if isinstance(operand, dict):  # {"prefix": {"equals-ignore-case": "..."}}
        operand, value = operand.get("equals-ignore-case", "").lower(), value.lower()
    return value.startswith(operand) if kind == "prefix" else value.endswith(operand)


def _anything_but_excludes(excluded, value):
    if isinstance(excluded, dict):
        return any(_value_matches({kind: operand}, value) for kind, operand in excluded.items())
    return value in (excluded if isinstance(excluded, list) else [excluded])
