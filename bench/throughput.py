"""Throughput of a run against a synthetic organization with simulated AWS
latency: wall time, API requests, requests per second, repeats, peak memory,
time to first result, and the share of the throughput that the configured
concurrency allows (processes x requests in flight / latency); optionally the
same estate and CIS v5.0.0 scope through Prowler, side by side.

    .venv/bin/python -m bench.throughput --accounts 50 --regions 4 --latency-ms 50 --workers 2 --concurrency 10
    .venv/bin/python -m bench.throughput --accounts 20 --regions 4 --latency-ms 50 --prowler

Before the measured run, an unmeasured warm-up run (no latency, reports kept
apart) lets moto build what it builds lazily on first use: its service modules
and each account-region's backends (an EC2 backend takes 60-100 ms of CPU to
create, a warm request about 2.5 ms). Real AWS has no such cost, and charging
it to the measured run would measure moto rather than the suite; --cold skips
the warm-up.

Requests are counted twice: by the suite's own meter and by the server, which
sees every request of either tool. Prints figures; asserts nothing.
"""

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench import estate, prowler, suite
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID

CONTROLS = ("controls/kms", "controls/iam", "controls/rds", "controls/s3", "controls/cloudtrail/test_cloudtrail_member_coverage.py")


def run_suite(args, work, url, extra=(), reports="reports"):
    usage = suite.run("-n", str(args.workers), *CONTROLS, *extra, f"--baseline={work / 'baseline.yaml'}",
                      f"--endpoint-url={url}", f"--max-concurrency={args.concurrency}",
                      f"--reports-dir={work / reports}")
    return usage, json.loads((work / reports / "results.json").read_text())


def served(server):
    """(requests served, request-seconds spent in the server) so far."""
    with server.injector.lock:
        return len(server.injector.log), server.injector.busy_seconds


def cis_items(results):
    return sorted({item for r in results["results"] for item in r["frameworks"].get("cis-v5.0.0", [])})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--keys", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--workers", default="2", help="pytest-xdist -n")
    parser.add_argument("--concurrency", type=int, default=10, help="--max-concurrency per process")
    parser.add_argument("--cold", action="store_true", help="measure without the warm-up run (moto's first-use costs included)")
    parser.add_argument("--prowler", action="store_true",
                        help=f"also run Prowler {prowler.VERSION} (installed into .bench/ on first use) over the "
                             "same estate and CIS v5.0.0 items, one process per account, --workers at a time")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    server = estate.start(args.accounts, args.regions, args.keys, work / "baseline.yaml")
    try:
        if not args.cold:
            warm, _ = run_suite(args, work, server.url, reports="warm-up")
            print(f"warm-up run (unmeasured, no latency) {warm.wall_seconds:.1f} s", flush=True)
        server.latency = args.latency_ms / 1000
        before = served(server)
        server_cpu = time.process_time()  # this process serves moto: its CPU is the server's
        usage, results = run_suite(args, work, server.url, ("-m", "cis") if args.prowler else ())
        after = served(server)
        server_cpu = time.process_time() - server_cpu
        wall = usage.wall_seconds
        if args.prowler:
            executable = prowler.install()
            items = cis_items(results)
            checks = prowler.checks_for(items)
            processes = int(args.workers) if str(args.workers).isdigit() and int(args.workers) > 0 else 2
            prowler_wall = prowler.run(executable, estate.account_ids(args.accounts), estate.regions(args.regions),
                                       checks, AUDIT_ROLE, EXTERNAL_ID,
                                       {**suite.env(), "AWS_ENDPOINT_URL": server.url, "AWS_DEFAULT_REGION": "us-east-1"},
                                       work / "prowler", processes)
            prowler_requests = served(server)[0] - after[0]
    finally:
        server.stop()
    api = results["run"]["api"]
    requests = after[0] - before[0]
    processes = int(args.workers) if str(args.workers).isdigit() and int(args.workers) > 0 else 1
    ceiling = processes * args.concurrency / (args.latency_ms / 1000) if args.latency_ms else None
    rate = requests / wall
    print(f"estate                  {args.accounts} accounts x {args.regions} regions x {args.keys} keys, "
          f"{args.latency_ms:g} ms per request, moto {'cold' if args.cold else 'warmed up'}")
    print(f"run                     -n {args.workers}, --max-concurrency {args.concurrency}"
          + (", -m cis" if args.prowler else ""))
    print(f"results                 {len(results['results'])}")
    print(f"wall time               {wall:.1f} s")
    print(f"API requests            {requests} served ({api['requests']} metered, {api['questions']} distinct questions)")
    print(f"repeated requests       {api['repeated']}")
    print(f"requests per second     {rate:.1f}")
    print(f"requests in flight      {(after[1] - before[1]) / wall:.1f} on average over the run")
    if ceiling:
        print(f"concurrency ceiling     {ceiling:.0f} req/s ({processes} x {args.concurrency} / {args.latency_ms:g} ms): "
              f"{100 * rate / ceiling:.0f}% reached")
    print(f"server CPU              {server_cpu:.1f} s of {wall:.1f} s wall ({100 * server_cpu / wall:.0f}% of one core: "
          "moto's own work, which real AWS does not take from this machine)")
    print(f"suite CPU               {usage.cpu_seconds:.1f} s ({usage.cpu_seconds / wall:.1f} cores on average; "
          f"this machine has {os.cpu_count()})")
    print(f"time to first result    {results['run']['seconds_to_first_result']:.1f} s")
    print(f"peak memory (largest process) {usage.peak_mb:.0f} MB")
    if args.prowler:
        print(f"\nsame estate, CIS v5.0.0 items {', '.join(items)}")
        print(f"{'':24}{'this suite':>12}{'Prowler ' + prowler.VERSION:>16}{'ratio':>8}")
        print(f"{'wall time (s)':24}{wall:12.1f}{prowler_wall:16.1f}{prowler_wall / wall:7.1f}x")
        print(f"{'API requests':24}{requests:12d}{prowler_requests:16d}{prowler_requests / max(requests, 1):7.1f}x")
        print(f"Prowler checks          {', '.join(checks)} ({processes} accounts at a time)")


if __name__ == "__main__":
    main()
