"""Throughput of a run against a synthetic organization with simulated AWS
latency: wall time, API requests, requests per second, repeats, peak memory,
time to first result, and the share of the throughput that the configured
concurrency allows (processes x requests in flight / latency); optionally the
same estate and CIS v5.0.0 scope through Prowler, side by side.

    .venv/bin/python -m bench.throughput --accounts 50 --regions 4 --latency-ms 50 --workers 2 --concurrency 10
    .venv/bin/python -m bench.throughput --accounts 50 --concurrency 4,6,10,20   (one measured run each)
    .venv/bin/python -m bench.throughput --accounts 20 --regions 4 --latency-ms 50 --prowler
    .venv/bin/python -m bench.throughput --accounts 50 --concurrency 10,10 --against 76707d4   (old and new, in turn)

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

With --against REV, each setting is measured twice in turn, with the working
tree's suite and with revision REV's (checked out into a temporary git
worktree, run with this virtualenv): a comparison on the same estate, minutes
apart, which figures from different hours of a shared machine are not.

Requests are counted twice: by the suite's own meter and by the server, which
sees every request of either tool. Prints figures; asserts nothing.
"""

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import estate, prowler, realistic, suite
from bench.answers import RecordedAnswers
from bench.throttling import RateLimits
from compliance.demo.organization import AUDIT_ROLE, EXTERNAL_ID

# The thin profile's few kinds of resource are read by these; a realistic estate is read by every control.
CONTROLS = {"thin": ("controls/kms", "controls/iam", "controls/rds", "controls/s3",
                     "controls/cloudtrail/test_cloudtrail_member_coverage.py"),
            "realistic": ("controls",)}


def run_suite(args, work, url, concurrency, reports, root=suite.ROOT, scope=()):
    """One run of the benchmark's controls (only the CIS ones with --prowler),
    over the whole estate or the ``scope`` options say (--accounts, --shard)."""
    selection = ("-m", "cis") if args.prowler else ()
    usage = suite.run("-n", str(args.workers), *CONTROLS[args.profile], *selection, *scope,
                      f"--schedule-by={args.schedule_by}",
                      f"--baseline={work / 'baseline.yaml'}",
                      f"--endpoint-url={url}", f"--max-concurrency={concurrency}",
                      "--role-session-name=bench-throughput",  # the same requests in the warm-up and measured runs
                      f"--reports-dir={work / reports}", root=root)
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


def differing_verdicts(results, warm_results):
    """The results of ``results`` whose verdict is not the warm-up run's:
    (node ID, warm-up outcome, this outcome, its message or first finding)."""
    warm = verdicts(warm_results)
    return [(r["nodeid"], warm.get(r["nodeid"]), r["outcome"], r.get("message") or (r.get("findings") or [None])[0])
            for r in results["results"] if warm.get(r["nodeid"]) != r["outcome"]]


def cis_items(results):
    return sorted({item for r in results["results"] for item in r["frameworks"].get("cis-v5.0.0", [])})


@dataclass
class Measured:
    code: str  # which suite: "working tree" or the --against revision
    concurrency: int
    usage: suite.Usage
    results: dict
    requests: int
    busy_seconds: float
    server_cpu: float
    throttled: int  # requests answered with a throttling error (each retried by the suite, or an error result)
    scope: str = "whole estate"


def throttled_so_far(answers):
    return answers.limits.throttled if answers is not None and answers.limits is not None else 0


def measure(args, work, server, answers, url, concurrency, index, code="working tree", root=suite.ROOT,
            scope=(), what="whole estate"):
    before, throttled = served(server, answers), throttled_so_far(answers)
    server_cpu = time.process_time()  # this process serves the answers: its CPU is the server's
    usage, results = run_suite(args, work, url, concurrency, reports=f"reports-{index}", root=root, scope=scope)
    after = served(server, answers)
    return Measured(code, concurrency, usage, results, after[0] - before[0], after[1] - before[1],
                    time.process_time() - server_cpu, throttled_so_far(answers) - throttled, what)


def shard_indexes(parser, args):
    """The shards to measure: none without --shards, else --shards-only's list or all."""
    if args.shards < 2:
        return []
    if args.shards_only in (None, "all"):
        return list(range(1, args.shards + 1))
    try:
        indexes = sorted({int(k) for k in args.shards_only.split(",")})
    except ValueError:
        indexes = []
    if not indexes or not all(1 <= k <= args.shards for k in indexes):
        parser.error(f"--shards-only {args.shards_only}: give shard numbers from 1 to {args.shards}, "
                     "comma-separated (or none, for all)")
    return indexes


def progress(run, warm_results):
    """One line on a measured run as it ends: a long benchmark loses nothing
    already measured if it is stopped before its report."""
    api, memory = run.results["run"]["api"], run.results["run"]["peak_memory_mb"]
    differs = "" if warm_results is None else f", {len(differing_verdicts(run.results, warm_results))} verdicts differ"
    return (f"measured {run.scope} ({run.code}, --max-concurrency {run.concurrency}): "
            f"{run.usage.wall_seconds:.1f} s, {run.requests} requests served, {api['repeated']} repeated, "
            f"{run.throttled} throttled, controller {memory['controller']} MB, "
            f"largest worker {max(memory['workers'], default=0)} MB{differs}")


def largest_account(args):
    """The realistic profile's account of rank 1."""
    ids = estate.account_ids(args.accounts)
    return next(a for a in realistic.profile(ids, estate.regions(args.regions)) if a.rank == 1)


def checkout(revision, work):
    """A worktree of ``revision`` under ``work``; exits with git's message if it cannot be made."""
    path = work / "against"
    done = subprocess.run(["git", "-C", str(suite.ROOT), "worktree", "add", "--detach", str(path), revision],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"--against {revision}: {done.stderr.strip()}")
    return path


def remove_checkout(path):
    subprocess.run(["git", "-C", str(suite.ROOT), "worktree", "remove", "--force", str(path)], capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--profile", choices=estate.PROFILES, default="thin",
                        help="thin: keys and password policies; realistic: bench/realistic.py's heavy-tailed estate, "
                             "read by every control")
    parser.add_argument("--keys", type=int, default=1, help="KMS keys per account-region (thin profile)")
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--workers", default="2", help="pytest-xdist -n")
    parser.add_argument("--concurrency", default="10",
                        help="--max-concurrency per process; several, comma-separated, measure one run each "
                             "against the same warmed-up estate")
    parser.add_argument("--answers", choices=("recorded", "live", "cold"), default="recorded",
                        help="who answers the measured run (see above; default recorded)")
    parser.add_argument("--against", metavar="REV",
                        help="also measure git revision REV's suite, in turn with the working tree's, per setting")
    parser.add_argument("--throttle", action="store_true",
                        help="measured runs meet AWS's rate limits (bench/throttling.py); needs --answers recorded")
    parser.add_argument("--schedule-by", choices=("account", "region"), default="account",
                        help="the suite's --schedule-by: what one worker takes whole")
    parser.add_argument("--shards", type=int, default=1, metavar="N",
                        help="also measure the run split into N shards (--shard=K/N), one after another, as N "
                             "runners would run them side by side")
    parser.add_argument("--shards-only", nargs="?", const="all", metavar="K,...",
                        help="with --shards, measure only the shards (all, or those listed: 1 is the one with the "
                             "organization-wide controls), not the whole estate on one runner (at hundreds of "
                             "realistic accounts that run alone takes as long as all the shards)")
    parser.add_argument("--prowler", action="store_true",
                        help=f"also run Prowler {prowler.VERSION} (installed into .bench/ on first use) over the "
                             "same estate and CIS v5.0.0 items, one process per account, --workers at a time")
    args = parser.parse_args()
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    if args.prowler and args.answers == "recorded":
        args.answers = "live"
    if args.throttle and args.answers != "recorded":
        parser.error("--throttle needs --answers recorded (the throttling answer server)")
    if args.shards_only and args.shards < 2:
        parser.error("--shards-only needs --shards N with N of at least 2")
    measured_shards = shard_indexes(parser, args)
    processes = int(args.workers) if str(args.workers).isdigit() and int(args.workers) > 0 else os.cpu_count()

    work = Path(tempfile.mkdtemp(prefix="throughput-"))
    try:
        against = checkout(args.against, work) if args.against else None
    except SystemExit:
        shutil.rmtree(work, ignore_errors=True)
        raise
    server = estate.start(args.accounts, args.regions, args.keys, work / "baseline.yaml", profile=args.profile)
    answers = RecordedAnswers(server.url).start() if args.answers == "recorded" else None
    url = answers.url if answers else server.url
    warm_results = None
    try:
        if args.answers != "cold":
            warm, warm_results = run_suite(args, work, url, concurrencies[0], reports="warm-up")
            print(f"warm-up run (unmeasured, no latency) {warm.wall_seconds:.1f} s", flush=True)
        if answers:
            answers.recording = False
            answers.latency = args.latency_ms / 1000
            answers.limits = RateLimits() if args.throttle else None
        else:
            server.latency = args.latency_ms / 1000
        runs = []

        def measured(*settings, **options):
            run = measure(args, work, server, answers, url, *settings, **options)
            print(progress(run, warm_results), flush=True)
            runs.append(run)

        for n, c in enumerate(concurrencies):
            if not args.shards_only:
                measured(c, n)
            if against:
                measured(c, f"{n}-against", args.against, against)
            for k in measured_shards:
                shard = f"--shard={k}/{args.shards}"
                measured(c, f"{n}-shard-{k}", scope=(shard,), what=shard)
            if args.profile == "realistic":
                largest = largest_account(args)
                measured(c, f"{n}-largest", scope=(f"--accounts={largest.id}",),
                         what=f"largest account {largest.id} alone")
        if args.prowler:
            executable = prowler.install()
            items = cis_items(runs[0].results)
            checks = prowler.checks_for(items)
            before = served(server, answers)[0]
            prowler_wall = prowler.run(executable, estate.account_ids(args.accounts), estate.regions(args.regions),
                                       checks, AUDIT_ROLE, EXTERNAL_ID,
                                       {**suite.env(), "AWS_ENDPOINT_URL": server.url, "AWS_DEFAULT_REGION": "us-east-1"},
                                       work / "prowler", processes)
            prowler_requests = served(server, answers)[0] - before
    finally:
        if answers:
            answers.stop()
        server.stop()
        if against:
            remove_checkout(against)
        shutil.rmtree(work, ignore_errors=True)  # every run's store and reports: tens of MB per 50 accounts
    report(args, processes, answers, warm_results, runs)
    if args.prowler:
        first = runs[0]
        print(f"\nsame estate, CIS v5.0.0 items {', '.join(items)}")
        print(f"{'':24}{'this suite':>12}{'Prowler ' + prowler.VERSION:>16}{'ratio':>8}")
        print(f"{'wall time (s)':24}{first.usage.wall_seconds:12.1f}{prowler_wall:16.1f}"
              f"{prowler_wall / first.usage.wall_seconds:7.1f}x")
        print(f"{'API requests':24}{first.requests:12d}{prowler_requests:16d}"
              f"{prowler_requests / max(first.requests, 1):7.1f}x")
        print(f"Prowler checks          {', '.join(checks)} ({processes} accounts at a time)")


def report(args, processes, answers, warm_results, runs):
    what = f"{args.keys} keys" if args.profile == "thin" else "the realistic profile"
    print(f"estate                  {args.accounts} accounts x {args.regions} regions x {what}, "
          f"{args.latency_ms:g} ms per request")
    if answers:
        print(f"answered by             answers recorded in the warm-up run ({answers.misses} requests not "
              "recorded went to moto)")
    else:
        print(f"answered by             moto, {'warmed up by an unmeasured run' if args.answers == 'live' else 'cold'}"
              " (its CPU shares the machine with the suite)")
    print(f"run                     -n {args.workers} --schedule-by {args.schedule_by}"
          + (", -m cis" if args.prowler else "") + (", throttled as AWS throttles" if args.throttle else ""))
    differing = [[] if warm_results is None else differing_verdicts(run.results, warm_results) for run in runs]
    for run, differs in zip(runs, differing):
        api = run.results["run"]["api"]
        accounts = len({r["account_id"] for r in run.results["results"]})
        print(f"--max-concurrency {run.concurrency:<5} {run.scope}: {len(run.results['results'])} results"
              + (f" ({run.code})" if args.against else "")
              + ("" if warm_results is None else
                 f" ({'VERDICTS DIFFER FROM' if differs else 'the same verdicts as'} the warm-up run's)")
              + f"; {run.requests} requests served ({api['requests']} metered, {api['questions']} distinct "
              f"questions, {api['repeated']} repeated, {api['requests'] / max(accounts, 1):.0f} per account)"
              + (f"; {run.throttled} throttled and retried" if args.throttle else ""))
    for run, differs in zip(runs, differing):
        for node, warm, outcome, why in differs[:10]:
            print(f"  {run.scope}: {node}: {warm} in the warm-up, {outcome} here: {why}")
        if len(differs) > 10:
            print(f"  {run.scope}: and {len(differs) - 10} more")
    code = f"{'code':>12} " if args.against else ""
    print(f"\n{code}{'scope':>22} {'concurrency':>11} {'wall s':>7} {'req/s':>7} {'in flight':>9} {'ceiling':>8} "
          f"{'reached':>7} {'suite CPU s':>11} {'cores':>5} {'server CPU s':>12} {'1st result s':>12} "
          f"{'controller MB':>13} {'worker MB':>9}")
    for run in runs:
        wall = run.usage.wall_seconds
        rate = run.requests / wall
        ceiling = processes * run.concurrency / (args.latency_ms / 1000) if args.latency_ms else None
        code = f"{run.code:>12} " if args.against else ""
        memory = run.results["run"]["peak_memory_mb"]
        print(f"{code}{run.scope[:22]:>22} {f'{processes} x {run.concurrency}':>11} {wall:7.1f} {rate:7.1f} "
              f"{run.busy_seconds / wall:9.1f} "
              + (f"{ceiling:8.0f} {100 * rate / ceiling:6.0f}% " if ceiling else f"{'-':>8} {'-':>7} ")
              + f"{run.usage.cpu_seconds:11.1f} {run.usage.cpu_seconds / wall:5.1f} {run.server_cpu:12.1f} "
              f"{run.results['run']['seconds_to_first_result']:12.1f} {memory['controller']:13d} "
              f"{max(memory['workers'], default=0):9d}")
    print(f"ceiling: processes x concurrency / latency (req/s); in flight: mean requests the server held; "
          f"cores: suite CPU / wall, of {os.cpu_count()}; server CPU: the benchmark's own process (moto and the "
          "recorded answers), which real AWS does not take from this machine; controller and worker MB: peak "
          "resident memory of pytest's controller and of its largest worker")
    shards = [run for run in runs if run.scope.startswith("--shard")]
    if shards:
        print(f"{len(shards)} shards, one runner each: the run takes its slowest shard, "
              f"{max(r.usage.wall_seconds for r in shards):.1f} s")


if __name__ == "__main__":
    main()
