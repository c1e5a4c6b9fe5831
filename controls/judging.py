"""The shape most controls share: record the settings each resource was
judged on, then give one finding per resource that breaks the rule."""

from compliance.evidence import Finding


def settings(resources, keys):
    """Each resource's ``keys`` (a member AWS left out shows as None), for the evidence."""
    return [{k: r.get(k) for k in keys} for r in resources]


def judge_each(evidence, name, resources, keys, problem, fix):
    """Record ``keys`` of every resource under ``name``, then the verdict: a
    finding for each resource for which ``problem(resource)`` names a problem
    (None when it complies), fixed as ``fix(resource)`` says. ``keys[0]``
    is the member holding the resource's ARN."""
    evidence.record(name, settings(resources, keys))
    evidence.verdict([Finding(r[keys[0]], p, fix(r)) for r in resources if (p := problem(r))])
