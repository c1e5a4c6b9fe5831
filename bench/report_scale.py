"""How large the evidence report gets, and how fast a browser opens and
filters it, for a run with many results.

    .venv/bin/python -m bench.report_scale --accounts 2800 --regions 17 --keys 1

Records a small synthetic estate against moto, clones it to --accounts
accounts (bench/synthetic_recording.py) and replays the KMS and IAM controls
over the clone with -n auto, so that the run has accounts x (regions + 1)
results. Then opens a copy of report.html in headless Chromium (Debian's
chromium package) with a timing script appended after pytest-html's own:
the page reports how long it took to be parsed, scripted and laid out, and
how long one of pytest-html's filters took (hiding the failed results, to
see what errored or is waived). Passed results are plain HTML under "Passed
results" (see fixtures/html_report.py), so they cost parsing, not script.
Prints the figures; asserts nothing.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import suite, synthetic_recording

CONTROLS = ("controls/kms/test_kms_key_rotation.py", "controls/iam/test_iam_password_policy.py")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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


def browser_timings(report, work):
    """Open a timed copy of ``report`` in headless Chromium; return the
    page's own figures (ms) and the browser process's wall seconds, or None
    without Chromium."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return None
    html = report.read_text(encoding="utf-8")
    head, body_end, tail = html.rpartition("</body>")
    timed = work / "report-timed.html"
    timed.write_text(head + TIMING_SCRIPT + body_end + tail, encoding="utf-8")
    began = time.monotonic()
    done = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", "--dump-dom",
                           timed.as_uri()], capture_output=True, text=True, timeout=1800, check=True)
    seconds = time.monotonic() - began
    found = re.search(r'<pre id="timings">(.*?)</pre>', done.stdout)
    if found is None:
        sys.exit(f"the timing script did not run in Chromium:\n{done.stderr[-2000:]}")
    return {**json.loads(found.group(1)), "process_seconds": seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=2800)
    parser.add_argument("--regions", type=int, default=17)
    parser.add_argument("--keys", type=int, default=1, help="KMS keys per account-region")
    parser.add_argument("--workers", default="auto")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="report-scale-"))
    began = time.monotonic()
    template = synthetic_recording.record(work, CONTROLS, args.regions, args.keys)
    synthetic_recording.clone(template, work / "recording", args.accounts)
    prepared = time.monotonic() - began
    run_seconds = suite.run("-n", args.workers, *CONTROLS, f"--replay={work / 'recording'}",
                            f"--reports-dir={work / 'reports'}").wall_seconds
    results = json.loads((work / "reports" / "results.json").read_text())
    report = work / "reports" / "report.html"
    timings = browser_timings(report, work)

    print(f"results                 {len(results['results'])} ({args.accounts} accounts x {args.regions} regions)")
    print(f"recording prepared      {prepared:.1f} s (template against moto, then cloned)")
    print(f"suite wall time         {run_seconds:.1f} s (replay, -n {args.workers})")
    print(f"report.html size        {report.stat().st_size / 1e6:.1f} MB")
    print(f"results.json size       {(work / 'reports' / 'results.json').stat().st_size / 1e6:.1f} MB")
    if timings is None:
        print("chromium                not installed (apt-get install chromium): load times not measured")
    else:
        print(f"open report             {timings['opened'] / 1000:.1f} s (parsed, scripted and laid out)")
        print(f"filter: hide failed     {timings['filtered'] / 1000:.1f} s ({timings['shown']} table rows left)")
        print(f"browser process         {timings['process_seconds']:.1f} s (start to exit)")
    print(f"work directory          {work}")


if __name__ == "__main__":
    main()
