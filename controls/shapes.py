"""Settings many services share - encryption at rest and in transit, logs,
node counts, versions - each a plain function that turns one resource's
description into a problem (a sentence naming what is wrong) or None, for
controls.judging.judge_each. A member AWS left out reads as unset: none of
these settings is on by default."""


def member(resource, path):
    """The member of ``resource`` at ``path`` ("A.B.C"), None where AWS left one out."""
    for key in path.split("."):
        resource = resource.get(key) if isinstance(resource, dict) else None
    return resource


def required(path, problem):
    """``problem`` unless the member at ``path`` is true."""
    return lambda resource: None if member(resource, path) else problem


def denied(path, problem):
    """``problem`` unless the member at ``path`` is false (absent: not known to be)."""
    return lambda resource: None if member(resource, path) is False else problem


def at_least(path, minimum, what):
    """A problem when the number at ``path`` (none when absent) is below ``minimum``."""
    def problem(resource):
        count = member(resource, path) or 0
        return None if count >= minimum else f"{what}: {count}, fewer than {minimum}"
    return problem


def one_of(path, allowed, what):
    """A problem when the value at ``path`` is not one of ``allowed``."""
    def problem(resource):
        value = member(resource, path)
        return None if value in allowed else f"{what} is {value or 'not set'}, not {' or '.join(allowed)}"
    return problem


def every(*checks):
    """The problems ``checks`` find, joined; None when there are none."""
    def problem(resource):
        found = [p for check in checks if (p := check(resource))]
        return "; ".join(found) or None
    return problem
