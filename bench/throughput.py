"""Throughput of a run against a synthetic organization with simulated AWS
latency: wall time, API requests, requests per second, repeats, peak memory,
time to first result, and the share of the throughput that the configured
concurrency allows (processes x requests in flight / latency); optionally the
same estate and CIS v5.0.0 scope through Prowler, side by side.

    .venv/bin/python -m bench.throughput --accounts 50 --regions 4 --latency-ms 50 --workers 2 --concurrency 10
    .venv/bin/python -m bench.throughput --accounts 20 --regions 4 --latency-ms 50 --prowler

Who answers the measured run (--answers):
- recorded (the default): an unmeasured warm-up run, without latency, goes
  through bench.answers to moto and every answer is kept; the measured run
  asks the same questions and is answered from memory after the latency, as
  AWS answers, without taking this machine's CPU. This measures the suite.
- live: the same warm-up, then moto answers the measured run itself (about
  2.5 ms of CPU per request, on the same two cores as the suite).
- cold: no warm-up: moto also builds what it builds lazily on first use, its
  service modules and each account-region's backends (60-100 ms of CPU for an
  EC2 backend), a cost real AWS does not have.
--prowler implies live: Prowler asks questions the warm-up did not.

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
from bench.answers import RecordedAnswers
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID

CONTROLS = ("controls/kms", "controls/iam", "controls/rds", "controls/s3", "controls/cloudtrail/test_cloudtrail_member_coverage.py")


def run_suite(args, work, url, extra=(), reports="reports"):
    usage = suite.run("-n", str(args.workers), *CONTROLS, *extra, f"--baseline={work / 'baseline.yaml'}",
                      f"--endpoint-url={url}", f"--max-concurrency={args.concurrency}",
                      "--role-session-name=bench-throughput",  # the same requests in the warm-up and measured runs
                      f"--reports-dir={work / reports}")
    return usage, json.loads((work / reports / "results.json").read_text())


def served(server, answers):
    """(requests served, request-seconds spent serving them) so far: by
    ``answers`` when it answers, else by moto."""
    if answers is not None and not answers.recording:
        requests, _, busy = answers.counters()
        return requests, busy
    with server.injector.lock:
        return len(server.injector.log), server.injector.busy_seconds


def verdicts(results):
    return {r["nodeid"]: r["outcome"] for r in results["results"]}


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
    parser.add_argument("--answers", choices=("recorded", "live", "cold"), default="recorded",
                        help="who answers the measured run (see above; default recorded)")
    parser.add_argument("--prowler", action="store_true",
                        help=f"also run Prowler {prowler.VERSION} (installed into .bench/ on first use) over the "
                             "same estate and CIS v5.0.0 items, one process per account, --workers at a time")
    args = parser.parse_args()
    if args.prowler and args.answers == "recorded":
        args.answers = "live"

    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    server = estate.start(args.accounts, args.regions, args.keys, work / "baseline.yaml")
    answers = RecordedAnswers(server.url).start() if args.answers == "recorded" else None
    url = answers.url if answers else server.url
    try:
        if args.answers != "cold":
            warm, warm_results = run_suite(args, work, url, reports="warm-up")
            print(f"warm-up run (unmeasured, no latency) {warm.wall_seconds:.1f} s", flush=True)
        if answers:
            answers.recording = False
            answers.latency = args.latency_ms / 1000
        else:
            server.latency = args.latency_ms / 1000
        before = served(server, answers)
        server_cpu = time.process_time()  # this process serves the answers: its CPU is the server's
        usage, results = run_suite(args, work, url, ("-m", "cis") if args.prowler else ())
        after = served(server, answers)
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
            prowler_requests = served(server, answers)[0] - after[0]
    finally:
        if answers:
            answers.stop()
        server.stop()
    api = results["run"]["api"]
    requests = after[0] - before[0]
    processes = int(args.workers) if str(args.workers).isdigit() and int(args.workers) > 0 else 1
    ceiling = processes * args.concurrency / (args.latency_ms / 1000) if args.latency_ms else None
    rate = requests / wall
    print(f"estate                  {args.accounts} accounts x {args.regions} regions x {args.keys} keys, "
          f"{args.latency_ms:g} ms per request")
    if answers:
        print(f"answered by             answers recorded in the warm-up run ({answers.misses} requests not "
              "recorded went to moto)")
    else:
        print(f"answered by             moto, {'warmed up by an unmeasured run' if args.answers == 'live' else 'cold'}")
    print(f"run                     -n {args.workers}, --max-concurrency {args.concurrency}"
          + (", -m cis" if args.prowler else ""))
    print(f"results                 {len(results['results'])}" + (
        "" if args.answers == "cold" or args.prowler else
        f", {'the same verdicts as' if verdicts(results) == verdicts(warm_results) else 'VERDICTS DIFFER FROM'} "
        "the warm-up run's"))
    print(f"wall time               {wall:.1f} s")
    print(f"API requests            {requests} served ({api['requests']} metered, {api['questions']} distinct questions)")
    print(f"repeated requests       {api['repeated']}")
    print(f"requests per second     {rate:.1f}")
    print(f"requests in flight      {(after[1] - before[1]) / wall:.1f} on average over the run")
    if ceiling:
        print(f"concurrency ceiling     {ceiling:.0f} req/s ({processes} x {args.concurrency} / {args.latency_ms:g} ms): "
              f"{100 * rate / ceiling:.0f}% reached")
    print(f"server CPU              {server_cpu:.1f} s of {wall:.1f} s wall ({100 * server_cpu / wall:.0f}% of one core, "
          "which real AWS does not take from this machine)")
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
