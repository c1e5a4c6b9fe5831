"""Throughput of a run against a synthetic organization with simulated AWS
latency: wall time, API requests, requests per second, repeats, peak memory,
time to first result, and the share of the throughput that the configured
concurrency allows (processes x requests in flight / latency).

    .venv/bin/python -m bench.throughput --accounts 50 --regions 4 --latency-ms 50 --workers 2 --concurrency 10

Prints figures; asserts nothing.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import estate
from bench.report_scale import ROOT, suite_env

CONTROLS = ("controls/kms", "controls/iam", "controls/rds", "controls/s3", "controls/cloudtrail/test_cloudtrail_member_coverage.py")


def run(args, work, url):
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "-p", "no:cacheprovider", "-q", "-n", str(args.workers),
         *CONTROLS, f"--baseline={work / 'baseline.yaml'}", f"--endpoint-url={url}",
         f"--max-concurrency={args.concurrency}", f"--reports-dir={work / 'reports'}"],
        cwd=ROOT, env=suite_env(), capture_output=True, text=True)
    wall = time.monotonic() - began
    if done.returncode not in (0, 1):
        sys.exit(f"the suite did not complete (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return wall, json.loads((work / "reports" / "results.json").read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--keys", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--workers", default="2", help="pytest-xdist -n")
    parser.add_argument("--concurrency", type=int, default=10, help="--max-concurrency per process")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    server = estate.start(args.accounts, args.regions, args.keys, work / "baseline.yaml", args.latency_ms)
    try:
        wall, results = run(args, work, server.url)
    finally:
        server.stop()
    api = results["run"]["api"]
    processes = int(args.workers) if str(args.workers).isdigit() and int(args.workers) > 0 else 1
    ceiling = processes * args.concurrency / (args.latency_ms / 1000) if args.latency_ms else None
    rate = api["requests"] / wall
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"estate                  {args.accounts} accounts x {args.regions} regions x {args.keys} keys, "
          f"{args.latency_ms:g} ms per request")
    print(f"run                     -n {args.workers}, --max-concurrency {args.concurrency}")
    print(f"results                 {len(results['results'])}")
    print(f"wall time               {wall:.1f} s")
    print(f"API requests            {api['requests']} ({api['questions']} distinct questions)")
    print(f"repeated requests       {api['repeated']}")
    print(f"requests per second     {rate:.1f}")
    if ceiling:
        print(f"concurrency ceiling     {ceiling:.0f} req/s ({processes} x {args.concurrency} / {args.latency_ms:g} ms): "
              f"{100 * rate / ceiling:.0f}% reached")
    print(f"time to first result    {results['run']['seconds_to_first_result']:.1f} s")
    print(f"peak memory (largest process) {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
