"""CloudWatch Logs JSON filter patterns, read as the terms they test.

A pattern such as ``{ ($.eventName = "CreateTrail") || ($.eventName = StopLogging) }``
is read into terms ``("eventName", "=", "CreateTrail")``. A monitoring control
requires every term of its CIS pattern to be present, whatever the grouping,
quoting or spacing; terms for other events may be present too.
"""

import re

_TERM = re.compile(
    r"\$\.(?P<selector>[\w.\[\]]+)\s*"
    r"(?:(?P<op>!=|=)\s*(?P<value>\"[^\"]*\"|[^\s)|&}]+)|(?P<exists>NOT\s+EXISTS|IS\s+NULL))",
    re.IGNORECASE)


def terms(pattern):
    """The (selector, operator, value) terms of a JSON filter pattern."""
    found = set()
    for match in _TERM.finditer(pattern or ""):
        if match.group("exists"):
            found.add((match.group("selector"), " ".join(match.group("exists").upper().split()), ""))
        else:
            found.add((match.group("selector"), match.group("op"), match.group("value").strip('"')))
    return found


def missing_terms(pattern, required):
    return sorted(set(required) - terms(pattern))
