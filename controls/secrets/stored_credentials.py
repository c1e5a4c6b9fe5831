"""Judging the places where AWS stores free-form values for the customer: a
value in which a detector found a credential is a finding that says where and
what kind, never the value (the inventory never held it)."""

from compliance.evidence import Finding


def _where(value, lines):
    """``user data line 3``; a one-line value is named alone."""
    return f"{value['Where']} line {', '.join(map(str, lines))}" if max(lines) > 1 else value["Where"]


def findings(resources, fix):
    """One finding per resource holding credentials, naming each place and the
    kinds of credential found there."""
    found = []
    for resource in resources:
        places = []
        for value in resource["Values"]:
            if value["Detections"]:
                kinds = ", ".join(dict.fromkeys(c["Type"] for c in value["Detections"]))
                places.append(f"{_where(value, sorted({c['Line'] for c in value['Detections']}))} ({kinds})")
        if places:
            found.append(Finding(resource["Resource"], "credentials stored in " + "; ".join(places), fix))
    return found


def judge(evidence, resources, fix):
    """Record what was scanned (names, lengths, verdicts) and give the verdict."""
    evidence.record("scanned", resources)
    evidence.verdict(findings(resources, fix))
