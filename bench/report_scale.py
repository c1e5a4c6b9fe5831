"""How large the evidence report gets, and how fast a browser opens and
filters it, for a run with many results.

    .venv/bin/python -m bench.report_scale --accounts 2800 --regions 17 --keys 0

Seeds a synthetic estate (bench/estate.py) into a moto server on 127.0.0.1,
runs the KMS and IAM controls against it with -n auto, then loads the HTML
report in headless Chromium (Debian's chromium package): unfiltered, and
filtered to failures through pytest-html's ?visible= parameter. Prints the
figures; asserts nothing.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import estate

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def suite_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_CONFIG_FILE=os.devnull,
               AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")
    return env


def browser_seconds(url, profile):
    """Seconds for headless Chromium to load ``url``, run its scripts and dump the DOM."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return None
    began = time.monotonic()
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=120000",
                    "--dump-dom", url], capture_output=True, timeout=600, check=True)
    return time.monotonic() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=2800)
    parser.add_argument("--regions", type=int, default=17)
    parser.add_argument("--keys", type=int, default=0, help="KMS keys per account-region (default 0: fast to seed)")
    parser.add_argument("--workers", default="auto")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="report-scale-"))
    server = estate.start(args.accounts, args.regions, args.keys, work / "baseline.yaml")
    try:
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "-p", "no:cacheprovider", "-q", "-n", args.workers,
             "controls/kms", "controls/iam", f"--baseline={work / 'baseline.yaml'}",
             f"--endpoint-url={server.url}", f"--reports-dir={work / 'reports'}"],
            cwd=ROOT, env=suite_env(), capture_output=True, text=True)
        run_seconds = time.monotonic() - began
    finally:
        server.stop()
    if done.returncode not in (0, 1):
        sys.exit(f"the suite did not complete (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    results = json.loads((work / "reports" / "results.json").read_text())
    report = work / "reports" / "report.html"
    blank = browser_seconds("about:blank", work / "profile-blank")
    full = browser_seconds(report.as_uri(), work / "profile-full")
    failed = browser_seconds(report.as_uri() + "?visible=failed", work / "profile-failed")

    print(f"results                 {len(results['results'])}")
    print(f"suite wall time         {run_seconds:.1f} s (-n {args.workers})")
    print(f"API                     {results['run']['api_requests']}")
    print(f"report.html size        {report.stat().st_size / 1e6:.1f} MB")
    print(f"results.json size       {(work / 'reports' / 'results.json').stat().st_size / 1e6:.1f} MB")
    if blank is None:
        print("chromium                not installed (apt-get install chromium): load times not measured")
    else:
        print(f"browser start (blank)   {blank:.1f} s")
        print(f"open report             {full:.1f} s ({full - blank:.1f} s beyond browser start)")
        print(f"open filtered: failed   {failed:.1f} s ({failed - blank:.1f} s beyond browser start)")
    print(f"work directory          {work}")


if __name__ == "__main__":
    main()
