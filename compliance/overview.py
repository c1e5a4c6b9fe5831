"""The overview at the top of the HTML report, drawn from results.json's
document alone as plain HTML, inline SVG and CSS (no script, nothing
fetched): per-framework bars, accounts x control domains coloured by
failures, the most-failing controls, what changed since the compared run,
and the pass rates of the last runs. Below it, what its links lead to: each
heatmap cell's results, every change, the pass rate of every account."""

import collections
import datetime
import functools
import html
from dataclasses import dataclass, field

from compliance import drift

STATUSES = ["passed", "failed", "waived", "errored", "manual", "retired", "not assessed"]
HEATMAP_ROWS = 25  # accounts shown in the heatmap, the most failing first
MOST_FAILING = 8
DRIFT_LISTED = 6  # changes listed in the overview; all are in the Changes section
ORGANIZATION = "organization"


def domain(record):
    """The control's domain: its folder under controls/."""
    parts = record["nodeid"].split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "controls" else "other"


def account_of(record):
    return record["account_id"] or ORGANIZATION


def failing(record):
    return record["outcome"] in drift.FAILING


@dataclass
class Cell:
    results: list = field(default_factory=list)

    @functools.cached_property
    def failing(self):  # read once the heatmap is complete
        return sum(1 for r in self.results if failing(r))


def heatmap(results):
    """({(account, domain): Cell}, {account: name}, domains sorted)."""
    cells, names = collections.defaultdict(Cell), {}
    for record in results:
        account = account_of(record)
        cells[account, domain(record)].results.append(record)
        names[account] = record["account_name"] or ""
    return cells, names, sorted({d for _, d in cells})


def heatmap_rows(cells, names):
    """The accounts shown: the HEATMAP_ROWS with most failures, in name order."""
    failures = collections.Counter()
    for (account, _), cell in cells.items():
        failures[account] += cell.failing
    shown = sorted(names, key=lambda a: (-failures[a], a))[:HEATMAP_ROWS]
    return sorted(shown, key=lambda a: (a == ORGANIZATION, names[a], a))


def most_failing(results, limit=MOST_FAILING):
    """[(control_id, severity, failing results, results, failing resources)], most failing first."""
    tallies = {}
    for record in results:
        tally = tallies.setdefault(record["control_id"], [record["severity"], 0, 0, 0])
        tally[1] += failing(record)
        tally[2] += 1
        tally[3] += len(drift.failing_resources(record))
    ranked = sorted(((c, *t) for c, t in tallies.items() if t[1]), key=lambda row: (-row[2], -row[4], row[0]))
    return ranked[:limit]


def _e(text):
    return html.escape(str(text))


def _account_label(account, names):
    return ORGANIZATION if account == ORGANIZATION else f"{names.get(account) or ''} {account}".strip()


def _who(record):
    """A result's account as ``name ID``, or ``organization``."""
    return f"{record['account_name'] or ''} {record['account_id']}".strip() if record["account_id"] else ORGANIZATION


def when(iso):
    """An ISO time as ``2026-12-01 02:17 UTC``."""
    moment = datetime.datetime.fromisoformat(iso).astimezone(datetime.timezone.utc)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _anchor(*parts):
    return "-".join(parts).replace(" ", "_")


def frameworks_card(frameworks):
    rows = []
    for framework, summary in frameworks.items():
        counts = summary["counts"]
        total = sum(counts.get(s, 0) for s in STATUSES) or 1
        x, rects = 0, []
        for status in STATUSES:
            width = counts.get(status, 0)
            if width:
                rects.append(f"<rect class='s-{status.replace(' ', '-')}' x='{x}' width='{width}' height='10'>"
                             f"<title>{width} {status}</title></rect>")
                x += width
        numbers = " &middot; ".join(
            f"<span class='n s-{s.replace(' ', '-')}' data-status='{s}'>{counts.get(s, 0)}</span> {s}" for s in STATUSES)
        rows.append(f"<div class='fw' data-framework='{_e(framework)}'><div class='fw-title'>{_e(summary['title'])}"
                    f" <small>{sum(counts.values())} items</small></div><svg class='bar' viewBox='0 0 {total} 10' "
                    f"preserveAspectRatio='none' role='img' aria-label='{_e(summary['title'])}'>{''.join(rects)}"
                    f"</svg><div class='fw-numbers'>{numbers}</div></div>")
    return f"<div class='card frameworks-card'><h3>Frameworks: items</h3>{''.join(rows)}</div>"


def drift_card(document):
    block = document.get("drift")
    if block is None:
        return ("<div class='card drift-card'><h3>What changed</h3><p>This run was not compared with an earlier "
                "one. Run with <code>--compare=PREVIOUS/results.json</code> (or a directory of earlier runs) to "
                "see new and resolved findings.</p></div>")
    counts = block["findings"]
    figures = "".join(
        f"<div class='figure {cls}'><b data-drift='{tag}'>{number}</b>{label}</div>"
        for cls, tag, number, label in (
            ("new", "new", counts[drift.NEW], "new"), ("new", "new resource", counts[drift.NEW_RESOURCE], "new resource"),
            ("resolved", "resolved", counts[drift.RESOLVED], "resolved"),
            ("still", "still failing", counts[drift.STILL_FAILING], "still failing")))
    changes = drift.changed_findings(document)
    listed = "".join(
        f"<li class='{_e(tag.replace(' ', '-'))}'><span class='tag'>{_e(tag)}</span> <b>{_e(record['severity'])}</b> "
        f"{_e(record['control_id'])} &middot; {_e(record['account_name'] or _who(record))} "
        f"{_e(record['region'])} &middot; <code>{_e(resource)}</code></li>"
        for tag, record, resource, _ in changes[:DRIFT_LISTED])
    more = f"<p><a href='#changes'>All {len(changes)} changes</a></p>" if changes else "<p>No finding changed.</p>"
    return (f"<div class='card drift-card'><h3>Since {when(block['since'])}</h3><div class='figures'>{figures}</div>"
            f"<ul class='changes'>{listed}</ul>{more}</div>")


def sparkline(values, width=120, height=28):
    """Pass rates (percent, None where nothing was decided) as a line."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if not points:
        return ""
    step = width / max(len(values) - 1, 1)
    coordinates = " ".join(f"{i * step:.1f},{height - v / 100 * height:.1f}" for i, v in points)
    dots = "".join(f"<circle cx='{i * step:.1f}' cy='{height - v / 100 * height:.1f}' r='2'/>" for i, v in points)
    return (f"<svg class='spark' viewBox='-3 -3 {width + 6} {height + 6}' width='{width + 6}' height='{height + 6}'>"
            f"<polyline points='{coordinates}'/>{dots}</svg>")


def _rate(value):
    return "-" if value is None else f"{value:g}%"


def trend_card(document):
    points = document["history"]
    rows = "".join(
        f"<tr><th>{_e(summary['title'])}</th><td>{sparkline([p['frameworks'].get(f) for p in points])}</td>"
        f"<td class='rate'>{_rate(points[-1]['frameworks'].get(f))}</td></tr>"
        for f, summary in document["frameworks"].items())
    span = f"{when(points[0]['started'])} to {when(points[-1]['started'])}" if len(points) > 1 else "this run only"
    return (f"<div class='card trend-card'><h3>Trend: {len(points)} run{'s' if len(points) > 1 else ''}</h3>"
            f"<p class='hint'>Share of assessed items passed, {span}. <a href='#trend'>Per account</a></p>"
            f"<table class='trend'>{rows}</table></div>")


def heatmap_card(cells, names, domains, accounts):
    peak = max((cell.failing for cell in cells.values()), default=0) or 1
    head = "".join(f"<th class='domain'><span>{_e(d)}</span></th>" for d in domains)
    rows = []
    for account in accounts:
        tds = []
        for d in domains:
            cell = cells.get((account, d))
            if cell is None:
                tds.append("<td class='empty'></td>")
                continue
            shade = 0.12 + 0.88 * cell.failing / peak if cell.failing else 0
            style = f"background:rgba(198,40,40,{shade:.2f})" if cell.failing else ""
            tds.append(f"<td class='{'fail' if cell.failing else 'ok'}{' dark' if shade > 0.55 else ''}' "
                       f"style='{style}' data-failing='{cell.failing}'><a href='#{_anchor('cell', account, d)}' "
                       f"title='{_e(_account_label(account, names))} / {_e(d)}: {cell.failing} failing of "
                       f"{len(cell.results)}'>{cell.failing or ''}</a></td>")
        rows.append(f"<tr data-account='{_e(account)}'><th>{_e(_account_label(account, names))}</th>{''.join(tds)}</tr>")
    hidden = len(names) - len(accounts)
    note = ("<p class='hint'>Each cell: failing results of the account's controls of that domain (folder of "
            "controls/), darker for more; green: none failing; a click lists them."
            + (f" {hidden} more accounts with fewer failures are not drawn." if hidden > 0 else "") + "</p>")
    return (f"<div class='card heatmap-card'><h3>Failing results: accounts x control domains</h3>"
            f"<table class='heatmap'><tr><th></th>{head}</tr>{''.join(rows)}</table>{note}</div>")


def most_failing_card(results):
    rows = "".join(
        f"<tr><td><a href='#control-{_e(c)}'>{_e(c)}</a></td><td>{_e(severity)}</td>"
        f"<td class='num'>{failed} of {total}</td><td class='num'>{resources}</td></tr>"
        for c, severity, failed, total, resources in most_failing(results))
    return ("<div class='card failing-card'><h3>Most failing controls</h3><table class='most-failing'>"
            "<tr><th>Control</th><th>Severity</th><th>Failing results</th><th>Resources</th></tr>"
            f"{rows or '<tr><td colspan=4>None failed.</td></tr>'}</table></div>")


def overview_html(document):
    """The overview, then the sections its links lead to."""
    results = document["results"]
    cells, names, domains = heatmap(results)
    accounts = heatmap_rows(cells, names)
    return ("<!-- overview --><section id='overview' class='overview'>"
            + frameworks_card(document["frameworks"]) + drift_card(document) + trend_card(document)
            + heatmap_card(cells, names, domains, accounts) + most_failing_card(results) + "</section>"
            + cells_html(cells, names, domains, accounts) + changes_html(document) + account_trend_html(document)
            + "<!-- /overview -->")


def _result_link(record):
    target = record["nodeid"] if record["outcome"] != "error" else f"{record['nodeid']}::setup"
    return f"<a href='#{_e(target)}'>{_e(record['control_id'])} {_e(record['region'] or '')}</a>"


def cells_html(cells, names, domains, accounts):
    """The results behind each cell of the heatmap drawn: failing ones
    linked to their row, the others counted per control."""
    sections = []
    for account in accounts:
        for d in domains:
            cell = cells.get((account, d))
            if cell is None:
                continue
            failing_items = "".join(f"<li>{_result_link(r)}: {_e(r['outcome'])}, "
                                    f"{len(drift.failing_resources(r))} resources</li>"
                                    for r in cell.results if failing(r))
            passed = collections.Counter(r["control_id"] for r in cell.results if not failing(r))
            passed_items = "".join(f"<li><a href='#passed-{_e(c)}'>{_e(c)}</a>: {n} not failing</li>"
                                   for c, n in sorted(passed.items()))
            sections.append(f"<div class='cell' id='{_anchor('cell', account, d)}'><h4>{_e(_account_label(account, names))}"
                            f" / {_e(d)}: {cell.failing} failing of {len(cell.results)}</h4>"
                            f"<ul>{failing_items}{passed_items}</ul></div>")
    return ("<h2>Results by account and domain</h2><details class='cells'><summary>What each cell of the heatmap "
            f"holds</summary>{''.join(sections)}</details>")


def changes_html(document):
    block = document.get("drift")
    if block is None:
        return ""
    rows = "".join(
        f"<tr class='{_e(tag.replace(' ', '-'))}'><td>{_e(tag)}</td><td>{_e(record['severity'])}</td>"
        f"<td>{_e(record['control_id'])}</td><td>{_e(_who(record))}</td>"
        f"<td>{_e(record['region'])}</td><td><code>{_e(resource)}</code></td><td>{_e(problem)}</td></tr>"
        for tag, record, resource, problem in drift.changed_findings(document))
    counts = block["results"]
    return (f"<h2 id='changes'>Changes since {when(block['since'])}</h2><p>Compared with <code>{_e(block['compared'])}"
            f"</code>. Results: {counts[drift.NEW]} newly failing, {counts[drift.RESOLVED]} resolved, "
            f"{counts[drift.STILL_FAILING]} still failing, {counts[drift.NEW_RESOURCE]} not checked before, "
            f"{counts[drift.UNCHANGED]} passing as before.</p><table class='changes'><tr><th>Change</th>"
            "<th>Severity</th><th>Control</th><th>Account</th><th>Region</th><th>Resource</th><th>Problem</th></tr>"
            f"{rows or '<tr><td colspan=7>No finding changed.</td></tr>'}</table>")


def account_trend_html(document):
    points = document["history"]
    names = {account_of(r): r["account_name"] for r in document["results"]}
    accounts = sorted({a for p in points for a in p["accounts"]},
                      key=lambda a: (points[-1]["accounts"].get(a) or 0, a))
    head = "".join(f"<th>{when(p['started'])}</th>" for p in points)
    rows = "".join(
        f"<tr><th>{_e(_account_label(a, names))}</th><td>{sparkline([p['accounts'].get(a) for p in points])}</td>"
        + "".join(f"<td class='rate'>{_rate(p['accounts'].get(a))}</td>" for p in points) + "</tr>"
        for a in accounts)
    return (f"<h2 id='trend'>Pass rate per account</h2><p>Share of decided results passed (waived and skipped "
            f"left out), over the last {len(points)} runs, lowest first.</p><table class='account-trend'>"
            f"<tr><th>Account</th><th>Trend</th>{head}</tr>{rows}</table>")
