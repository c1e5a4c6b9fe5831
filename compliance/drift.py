"""What changed since an earlier run, and the pass rates of the runs before.

A result is identified by its control, test function, account ID and region
(never the account's name, nor the order or shard it ran in); a finding by
its result and its resource. Against the compared run (the latest of those
given) each result and each failing finding is tagged:

- ``new``: failing now, checked and not failing then;
- ``still failing``: failing then and now;
- ``resolved``: failing then, not now (a result passes; a finding is gone);
- ``new resource``: not checked then (a new account, region or control);
- ``unchanged``: a result passing then and now.

A failing finding is one that no waiver covers; a failing result failed or
errored. A result of the compared run with no counterpart now (out of this
run's scope or shard) is not checked, and neither resolved nor new.
"""

import datetime
import json
from pathlib import Path

from compliance import asff, framework_summary
from compliance.errors import ConfigurationError

NEW, STILL_FAILING, RESOLVED, NEW_RESOURCE, UNCHANGED = "new", "still failing", "resolved", "new resource", "unchanged"
REGRESSIONS = (NEW, NEW_RESOURCE)
FAILING = ("failed", "error")
DECIDED = ("passed", "xpassed", "failed", "error")  # waived and skipped results decide no pass rate
HISTORY_RUNS = 10  # runs whose pass rates the report shows, this one included
TERMINAL_LINES = 20  # findings listed per kind of change in the terminal
# Shard results of one run started within this much of its first shard.
SHARD_WINDOW = datetime.timedelta(hours=12)


def result_key(record):
    """The result's identity across runs."""
    return (record["control_id"], record["nodeid"].split("[", 1)[0], record["account_id"] or "", record["region"] or "")


def failing_resources(record):
    """The resources of ``record``'s findings that no waiver covers."""
    if record["outcome"] != "failed":
        return {}
    waived = {w["resource"] for w in record.get("waived", [])}
    return {f["resource"]: f for f in record["findings"] if f["resource"] not in waived}


def _read(path):
    try:
        document = json.loads(path.read_text())
        if not isinstance(document.get("results"), list) or "started" not in document.get("run", {}):
            raise ValueError("no run record with a start time, or no results")
        document["results"] = [_comparable(r) for r in document["results"]]
    except (OSError, ValueError, AttributeError, TypeError, KeyError) as error:
        raise ConfigurationError(f"--compare {path}: not a results.json of this suite ({error!r}); give a results.json "
                                 "a run wrote, or a directory holding such files") from None
    document["sources"] = [str(path)]
    return document


def _comparable(record):
    """What comparing and pass rates read of a record, without its evidence
    (most of its size: ten runs of 50,000 results are held at once)."""
    return {**{key: record.get(key) for key in ("nodeid", "control_id", "outcome", "severity", "frameworks",
                                                "account_id", "account_name", "region")},
            "findings": [{key: f[key] for key in ("resource", "problem", "first_observed") if key in f}
                         for f in record.get("findings", [])],
            "waived": [{"resource": w["resource"]} for w in record.get("waived", [])]}


def load_runs(path):
    """The runs in ``path`` (a results.json, or a directory searched for
    results.json files), shards of one run united, oldest first."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.rglob("results.json"))
        if not files:
            raise ConfigurationError(f"--compare {path}: the directory holds no results.json; give a previous run's "
                                     "results.json or a directory of them (for example downloaded artifacts)")
    elif path.is_file():
        files = [path]
    else:
        raise ConfigurationError(f"--compare {path}: no such file or directory")
    runs = _unite_shards([_read(f) for f in files])
    return [*map(_history_only, runs[:-1]), *runs[-1:]]


def _history_only(document):
    """An earlier run as the history reads it, without its results: only the
    latest run is compared result by result, and ten runs of a large
    organization's results would be held at once."""
    return {"run": document["run"], "sources": document["sources"], "pass_rates": pass_rates(document)}


def _started(document):
    return datetime.datetime.fromisoformat(document["run"]["started"])


def _unite_shards(documents):
    """Shards of one run (same shard count and baseline, each index once,
    started within SHARD_WINDOW of the first) become one run."""
    runs, open_groups = [], {}
    for document in sorted(documents, key=_started):
        shard = document["run"].get("shard", "1/1")
        if shard == "1/1":
            runs.append(document)
            continue
        index, count = shard.split("/")
        family = (count, document["run"].get("baseline_sha256"))
        group = open_groups.get(family)
        if group is None or index in group["indexes"] or _started(document) - _started(group["shards"][0]) > SHARD_WINDOW:
            group = open_groups[family] = {"indexes": set(), "shards": []}
            runs.append(group)
        group["indexes"].add(index)
        group["shards"].append(document)
    return sorted((run if "shards" not in run else _merged(run["shards"]) for run in runs), key=_started)


def _merged(shards):
    first = shards[0]
    if len(shards) == 1:
        return first
    results = [record for shard in shards for record in shard["results"]]
    return {"run": {**first["run"], "shard": f"{len(shards)} shards"}, "results": results,
            "frameworks": framework_summary.summarise({}, {}, results),  # pass rates: manual and retired items do not count
            "sources": [source for shard in shards for source in shard["sources"]]}


def previous_asff(document):
    """{finding Id: ASFF finding} of the compared run, when its
    findings.asff.json lies beside its results.json."""
    found = {}
    for source in document["sources"]:
        path = Path(source).with_name(asff.FILE)
        try:
            found.update((f["Id"], f) for f in json.loads(path.read_text()))
        except (OSError, ValueError, TypeError, KeyError):
            continue  # none kept: workflow states start afresh
    return found


def compare(records, previous, started):
    """Tag ``records`` (this run's results.json records) and their failing
    findings against ``previous`` (a run from ``load_runs``); every failing
    finding gets ``first_observed``, carried from the compared run. Returns
    the drift block of results.json."""
    before = {result_key(r): r for r in previous["results"]}
    since = previous["run"]["started"]
    now = started.isoformat(timespec="seconds")
    counts = dict.fromkeys((NEW, STILL_FAILING, RESOLVED, NEW_RESOURCE, UNCHANGED), 0)
    finding_counts = dict.fromkeys((NEW, STILL_FAILING, RESOLVED, NEW_RESOURCE), 0)
    resolved = []
    for record in records:
        old = before.get(result_key(record))
        failing = record["outcome"] in FAILING
        if old is None:
            record["drift"] = NEW_RESOURCE
        elif old["outcome"] in FAILING:
            record["drift"] = STILL_FAILING if failing else RESOLVED
        else:
            record["drift"] = NEW if failing else UNCHANGED
        counts[record["drift"]] += 1
        old_findings = failing_resources(old) if old else {}
        current = failing_resources(record)
        tags = {resource: NEW_RESOURCE if old is None else STILL_FAILING if resource in old_findings else NEW
                for resource in current}
        for tag in tags.values():
            finding_counts[tag] += 1
        for finding in record["findings"]:  # a resource with several problems: each entry tagged alike
            if finding["resource"] in tags:
                earlier = old_findings.get(finding["resource"])
                finding["drift"] = tags[finding["resource"]]
                finding["first_observed"] = earlier.get("first_observed", since) if earlier else now
        listed = {f["resource"] for f in record["findings"]}
        for resource, finding in old_findings.items():
            if resource not in listed:
                resolved.append({**{k: record[k] for k in ("nodeid", "control_id", "title", "severity", "frameworks",
                                                           "account_id", "account_name", "region")},
                                 "resource": resource, "problem": finding["problem"],
                                 "first_observed": finding.get("first_observed", since)})
    finding_counts[RESOLVED] = len(resolved)
    return {"since": since, "compared": ", ".join(previous["sources"]), "results": counts, "findings": finding_counts,
            "resolved_findings": resolved}


def regressions(records, floor, levels):
    """(record, resource or None, tag) of each failing finding, or errored
    result, new since the compared run, at ``floor`` severity or above."""
    found = []
    for record in records:
        if levels.index(record["severity"]) < levels.index(floor) or record["outcome"] not in FAILING:
            continue
        if record["outcome"] == "error":
            if record.get("drift") in REGRESSIONS:
                found.append((record, None, record["drift"]))
            continue
        found += [(record, resource, finding["drift"]) for resource, finding in failing_resources(record).items()
                  if finding.get("drift") in REGRESSIONS]
    return found


def pass_rates(document):
    """(per framework: share of its assessed items passed, per account ID
    ("organization" for organization-wide results): share of its decided
    results passed); percentages, None when nothing was decided."""
    frameworks = {}
    for framework, summary in document.get("frameworks", {}).items():
        counts = summary["counts"]
        assessed = sum(counts.get(s, 0) for s in ("passed", "failed", "waived", "errored"))
        frameworks[framework] = _percent(counts.get("passed", 0), assessed)
    tallies = {}
    for record in document["results"]:
        if record["outcome"] in DECIDED:
            tally = tallies.setdefault(record["account_id"] or "organization", [0, 0])
            tally[0] += record["outcome"] in ("passed", "xpassed")
            tally[1] += 1
    return frameworks, {account: _percent(*tally) for account, tally in tallies.items()}


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def history(runs, current, limit):
    """The last ``limit`` runs, ``current`` (this run's results.json
    document) the last: when each started and its pass rates."""
    points = []
    for document in [*runs, current][-limit:]:
        frameworks, accounts = document["pass_rates"] if "pass_rates" in document else pass_rates(document)
        points.append({"started": document["run"]["started"], "frameworks": frameworks, "accounts": accounts})
    return points


def headline(block):
    """``since <date>: N new, M resolved, K still failing`` (findings)."""
    counts = block["findings"]
    return (f"since {block['since']}: {counts[NEW] + counts[NEW_RESOURCE]} new, {counts[RESOLVED]} resolved, "
            f"{counts[STILL_FAILING]} still failing")


def changed_findings(document):
    """(tag, record, resource, problem) of each finding new since the
    compared run, then of each resolved one."""
    found = [(finding["drift"], record, finding["resource"], finding["problem"])
             for record in document["results"] for finding in _each_resource(record)
             if finding.get("drift") in REGRESSIONS]
    found += [(RESOLVED, record, record["resource"], record["problem"])
              for record in document["drift"]["resolved_findings"]]
    return found


def _each_resource(record):
    seen = set()
    for finding in record["findings"]:
        if finding["resource"] not in seen:
            seen.add(finding["resource"])
            yield finding


def summary_lines(document):
    """The terminal's list of changes: new findings first, each kind capped."""
    lines, shown = [], dict.fromkeys((NEW, NEW_RESOURCE, RESOLVED), 0)
    for tag, record, resource, problem in changed_findings(document):
        shown[tag] += 1
        if shown[tag] <= TERMINAL_LINES:
            lines.append(f"{tag.upper():12} {record['severity']:8} {record['control_id']} "
                         f"{record['account_id'] or 'organization'} {record['region']} {resource}: {problem}")
    for tag, count in shown.items():
        if count > TERMINAL_LINES:
            lines.append(f"... {count - TERMINAL_LINES} more {tag} findings in results.json")
    return lines
