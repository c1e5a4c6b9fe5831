"""How large the evidence report gets, and how fast a browser opens and
filters it, for a run with many results.

    .venv/bin/python -m bench.report_scale --accounts 2800 --regions 17 --keys 1

Records a small synthetic estate against moto, clones it to --accounts
accounts (bench/synthetic_recording.py) and replays the KMS and IAM controls
over the clone with -n auto, so that the run has accounts x (regions + 1)
results. The replay runs twice: the second compared (``--compare``) with
the first and with a made-up night before it in which a tenth of the
results differ, so that its report carries the overview, a drift block with
thousands of changes and a trend of three runs.

Then opens copies of the second report.html in headless Chromium (Debian's
chromium package) with a timing script appended after pytest-html's own:
the page reports how long it took to be parsed, scripted and laid out, and
how long one of pytest-html's filters took (hiding the failed results, to
see what errored or is waived). It opens the report as written and the same
report without the overview and what it links to (the drift and trend
sections), in turn, ``--repeat`` times each: the difference of the medians
is what the overview and the drift block cost the page's opening. Passed
results are plain HTML under "Passed results" (see fixtures/html_report.py),
so they cost parsing, not script. Prints the figures; asserts nothing.
"""

import argparse
import copy
import datetime
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import browser, suite, synthetic_recording

CONTROLS = ("controls/kms/test_kms_key_rotation.py", "controls/iam/test_iam_password_policy.py")
# Runs after pytest-html's script has built the table: force layout, time it,
# hide failed results through the page's own checkbox, then replace the page
# with the figures so that --dump-dom prints only them.
TIMING_SCRIPT = """<script>
(() => {
  void document.body.getBoundingClientRect();
  const opened = performance.now();
  const began = performance.now();
  document.querySelector('input[data-test-result="failed"]').click();
  void document.body.getBoundingClientRect();
  const filtered = performance.now() - began;
  const shown = document.querySelectorAll('#results-table tbody.results-table-row').length;
  document.body.innerHTML = '<pre id="timings">' + JSON.stringify({opened, filtered, shown}) + '</pre>';
})();
</script>"""


OVERVIEW = re.compile(r"<!-- overview -->.*?<!-- /overview -->", re.S)


def browser_timings(html, work, name):
    """Open a timed copy of the page ``html`` in headless Chromium; return
    the page's own figures (ms) and the browser process's wall seconds."""
    head, body_end, tail = html.rpartition("</body>")
    timed = work / f"{name}-timed.html"
    timed.write_text(head + TIMING_SCRIPT + body_end + tail, encoding="utf-8")
    began = time.monotonic()
    done = browser.run(work / "profile", "--dump-dom", timed.as_uri())
    seconds = time.monotonic() - began
    found = re.search(r'<pre id="timings">(.*?)</pre>', done.stdout)
    if found is None:
        sys.exit(f"the timing script did not run in Chromium:\n{done.stderr[-2000:]}")
    return {**json.loads(found.group(1)), "process_seconds": seconds}


def night_before(results, days):
    """``results`` (a results.json document) as a run ``days`` earlier in
    which every tenth result had the other verdict."""
    earlier = copy.deepcopy(results)
    started = datetime.datetime.fromisoformat(earlier["run"]["started"]) - datetime.timedelta(days=days)
    earlier["run"]["started"] = started.isoformat(timespec="seconds")
    for record in earlier["results"][days::10]:
        if record["outcome"] == "failed":
            record.update(outcome="passed", findings=[])
        elif record["outcome"] == "passed":
            record.update(outcome="failed", findings=[{"resource": f"arn:aws:bench:::{record['nodeid']}",
                                                       "problem": "made up for the benchmark", "fix": "none"}])
    return earlier


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=2800)
    parser.add_argument("--regions", type=int, default=17)
    parser.add_argument("--keys", type=int, default=1, help="KMS keys per account-region")
    parser.add_argument("--workers", default="auto")
    parser.add_argument("--repeat", type=int, default=3, help="openings of each page in Chromium (median kept)")
    args = parser.parse_args()
    if browser.chromium() is None:
        sys.exit("headless Chromium is needed: apt-get install chromium (Debian's package)")

    work = Path(tempfile.mkdtemp(prefix="report-scale-"))
    began = time.monotonic()
    template = synthetic_recording.record(work, CONTROLS, args.regions, args.keys)
    synthetic_recording.clone(template, work / "recording", args.accounts)
    prepared = time.monotonic() - began
    replay = ("-n", args.workers, *CONTROLS, f"--replay={work / 'recording'}")
    first_seconds = suite.run(*replay, f"--reports-dir={work / 'first'}").wall_seconds
    first = json.loads((work / "first" / "results.json").read_text())
    for days in (1, 2):
        night = work / "history" / f"night-{days}"
        night.mkdir(parents=True)
        (night / "results.json").write_text(json.dumps(night_before(first, days)))
    run_seconds = suite.run(*replay, f"--reports-dir={work / 'reports'}", f"--compare={work / 'history'}",
                            "--history-runs=3").wall_seconds
    results = json.loads((work / "reports" / "results.json").read_text())
    report = work / "reports" / "report.html"
    page = report.read_text(encoding="utf-8")
    without = OVERVIEW.sub("", page)
    opened = {"with": [], "without": []}
    for _ in range(args.repeat):
        for name, html in (("with", page), ("without", without)):
            opened[name].append(browser_timings(html, work, name))
    median = {name: statistics.median(t["opened"] for t in runs) / 1000 for name, runs in opened.items()}
    last = opened["with"][-1]
    drift = results["drift"]["findings"]

    print(f"results                 {len(results['results'])} ({args.accounts} accounts x {args.regions} regions)")
    print(f"recording prepared      {prepared:.1f} s (template against moto, then cloned)")
    print(f"suite wall time         {first_seconds:.1f} s, compared: {run_seconds:.1f} s (replay, -n {args.workers})")
    print(f"drift                   {drift['new']} new, {drift['resolved']} resolved, "
          f"{drift['still failing']} still failing findings; trend of {len(results['history'])} runs")
    print(f"report.html size        {report.stat().st_size / 1e6:.1f} MB, of which overview and drift "
          f"{(len(page.encode()) - len(without.encode())) / 1e6:.2f} MB")
    print(f"results.json size       {(work / 'reports' / 'results.json').stat().st_size / 1e6:.1f} MB")
    print(f"open report             {median['with']:.2f} s (parsed, scripted and laid out; median of {args.repeat})")
    print(f"open without overview   {median['without']:.2f} s: the overview and drift block cost "
          f"{median['with'] - median['without']:+.2f} s")
    print(f"filter: hide failed     {last['filtered'] / 1000:.1f} s ({last['shown']} table rows left)")
    print(f"browser process         {last['process_seconds']:.1f} s (start to exit)")
    print(f"work directory          {work}")


if __name__ == "__main__":
    main()
