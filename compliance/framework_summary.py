"""Results read per framework item: CIS v5.0.0, CIS v7.0.0, PCI DSS v4.0, AWS FSBP."""

from compliance.catalog import FRAMEWORKS, framework_items

# The worst result of any control evidencing an item decides the item.
_ORDER = ["failed", "errored", "waived", "passed"]
STATUSES = [*_ORDER, "manual", "retired", "not assessed"]
_STATUS = {"failed": "failed", "error": "errored", "xfailed": "waived", "passed": "passed", "xpassed": "passed"}


def summarise(manual, retired, records):
    """``{framework: {"title", "counts", "items": {item: {status, controls}}}}``.

    Items in ``manual`` (no API can answer them) are ``manual``, items in
    ``retired`` (AWS retired what they check) are ``retired``; items no
    control of the run evidences are ``not assessed``; skipped results (a
    region not enabled) do not decide an item.
    """
    statuses = {}
    for record in records:
        status = _STATUS.get(record["outcome"])
        if status is None:
            continue
        for framework, items in record["frameworks"].items():
            for item in items:
                entry = statuses.setdefault((framework, item), {"status": "passed", "controls": set()})
                entry["controls"].add(record["control_id"])
                if _ORDER.index(status) < _ORDER.index(entry["status"]):
                    entry["status"] = status
    summary = {}
    for framework, (title, _, _) in FRAMEWORKS.items():
        items = {}
        for item in sorted(framework_items(framework), key=item_key):
            entry = statuses.get((framework, item))
            if entry:
                items[item] = {"status": entry["status"], "controls": sorted(entry["controls"])}
            elif item in manual.get(framework, {}):
                items[item] = {"status": "manual", "controls": [], "why": manual[framework][item]}
            elif item in retired.get(framework, {}):
                items[item] = {"status": "retired", "controls": [], "why": retired[framework][item]}
            else:
                items[item] = {"status": "not assessed", "controls": []}
        counts = {status: sum(1 for i in items.values() if i["status"] == status) for status in STATUSES}
        summary[framework] = {"title": title, "counts": counts, "items": items}
    return summary


def item_key(item):
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in item.split(".")]
