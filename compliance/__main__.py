"""Commands around the suite (the suite itself runs with pytest):

  python -m compliance check-baseline FILE...   validate baselines and waivers offline
  python -m compliance init-baseline --output F write a starter baseline from AWS Organizations
  python -m compliance verify-reports DIR       check a report directory against its manifest
  python -m compliance gate RESULTS --fail-on S fail when a control of severity S or above failed or errored
  python -m compliance gate RESULTS --fail-on new [--min-severity S]   fail on what is new since the compared run
  python -m compliance merge-recordings --output DIR SHARD_DIR...   unite shard recordings for one --replay
  python -m compliance coverage-matrix [--output F]   framework items against controls, from the catalog
"""

import argparse
import datetime
import json
import sys
import tempfile
from pathlib import Path

from compliance import baseline as baselines
from compliance import catalog as catalogs
from compliance import coverage, drift, manifest
from compliance.errors import ConfigurationError
from compliance.run import CONTROLS_DIR
from compliance.shards import merge_recordings
from compliance.waivers import load as load_waivers

EXPIRY_NOTICE_DAYS = 30
NEW = drift.NEW


def check_baseline(paths, today):
    """Print every problem of each baseline; return the number found."""
    catalog = catalogs.load(CONTROLS_DIR)
    total = 0
    for path in paths:
        problems = 0
        try:
            loaded = baselines.load(path, catalog)
        except ConfigurationError as error:
            print(f"ERROR {error}")
            total += 1
            continue
        for waiver in load_waivers(loaded.waivers):
            if not waiver.active_on(today):
                print(f"ERROR {path}: waiver {waiver.id} expired on {waiver.expires}: renew it with a new "
                      "approval or remove it")
                problems += 1
            elif (waiver.expires - today).days <= EXPIRY_NOTICE_DAYS:
                print(f"NOTE  {path}: waiver {waiver.id} expires on {waiver.expires}")
        bundle = loaded.controls.get("rds-ca-certificates", {}).get("ca_bundle")
        if bundle and "://" not in bundle and not (Path(path).parent / bundle).is_file():
            print(f"ERROR {path}: controls.rds-ca-certificates.ca_bundle: no file {bundle} next to the baseline")
            problems += 1
        if not problems:
            print(f"OK    {path}: {len(loaded.accounts)} listed accounts, {len(loaded.waivers)} waivers")
        total += problems
    return total


def gate(results_path, threshold, floor=None):
    """Exit status for CI. ``threshold`` a severity: 1 when any result at or
    above it failed or errored (an unreadable control counts: fail closed).
    ``threshold`` ``new``: 1 when a finding or an error at ``floor`` severity
    or above is new since the run the results were compared with."""
    levels = catalogs.SEVERITIES
    try:
        with open(results_path) as handle:
            document = json.load(handle)
        results = document["results"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigurationError(f"{results_path}: not a results.json of this suite ({error})") from None
    if threshold == NEW:
        return _gate_on_regressions(results_path, document, floor or levels[0])
    if floor:
        raise ConfigurationError("--min-severity goes with --fail-on new; --fail-on SEVERITY is its own floor")
    blocking = [r for r in results if r["outcome"] in ("failed", "error")
                and levels.index(r["severity"]) >= levels.index(threshold)]
    for result in blocking:
        print(f"{result['outcome'].upper():6} {result['severity']:8} {result['nodeid']}")
    below = sum(1 for r in results if r["outcome"] in ("failed", "error")) - len(blocking)
    print(f"{len(blocking)} failed or errored at severity {threshold} or above; {below} below it")
    return 1 if blocking else 0


def _gate_on_regressions(results_path, document, floor):
    if "drift" not in document:
        raise ConfigurationError(f"{results_path}: the run was not compared with an earlier one; run the suite with "
                                 "--compare=PREVIOUS_RESULTS_JSON to gate on what is new")
    found = drift.regressions(document["results"], floor, catalogs.SEVERITIES)
    for record, resource, tag in found:
        print(f"{tag.upper():12} {record['severity']:8} {record['nodeid']} {resource or '(could not be read)'}")
    print(f"{len(found)} new at severity {floor} or above {drift.headline(document['drift'])}")
    return 1 if found else 0


def verify_reports(directory):
    problems = manifest.verify(directory)
    for problem in problems:
        print(f"MISMATCH {problem}")
    if not problems:
        print(f"OK {directory}: every file matches {manifest.MANIFEST} (sha256 "
              f"{manifest.sha256(Path(directory) / manifest.MANIFEST)})")
    return 1 if problems else 0


def init_baseline(args):
    from compliance.aws.api import AccountApi
    from compliance.aws.metering import Meter
    from compliance.aws.sessions import Connection, caller_identity
    from compliance.aws.store import ResponseStore, starting_identity
    from compliance.starter import render, starter_baseline

    output = Path(args.output)
    if output.exists() and not args.force:
        raise ConfigurationError(f"{output} exists; choose another --output or pass --force")
    connection = Connection(Meter(), endpoint_url=args.endpoint_url, profile=args.profile)
    credentials = connection.starting_credentials()
    identity = caller_identity(connection, credentials, args.home_region)
    with tempfile.TemporaryDirectory() as store_dir:
        api = AccountApi(identity["Account"], connection, ResponseStore(store_dir, connection.meter),
                         lambda: credentials, identity=starting_identity(identity["Account"]))
        organization, accounts = starter_baseline(api, args.home_region, args.audit_role)
    output.write_text(render(organization, accounts, args.home_region, args.audit_role))
    print(f"wrote {output}: {len(accounts)} accounts of {organization['Id']}; review the inferred roles, "
          f"then check it with: python -m compliance check-baseline {output}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m compliance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-baseline", help="validate baselines and their waivers, offline")
    check.add_argument("paths", nargs="+", metavar="FILE")
    init = commands.add_parser("init-baseline", help="write a starter baseline from AWS Organizations")
    init.add_argument("--output", required=True, help="file to write (for example baselines/org.yaml)")
    init.add_argument("--audit-role", default="ComplianceAudit", help="audit role name to put in the baseline")
    init.add_argument("--home-region", default="us-east-1")
    init.add_argument("--endpoint-url", help="AWS-compatible endpoint for every service (default: the AWS SDKs' "
                      "endpoint settings, AWS_ENDPOINT_URL and the like, else AWS)")
    init.add_argument("--profile", help="profile of the starting identity and of the endpoint settings "
                      "(default: AWS_PROFILE, else the default profile)")
    init.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    verify = commands.add_parser("verify-reports", help="check report files against the run's manifest")
    verify.add_argument("directory", metavar="DIR")
    gating = commands.add_parser("gate", help="fail when a control at or above a severity failed or errored")
    gating.add_argument("results", metavar="RESULTS", help="a run's results.json")
    gating.add_argument("--fail-on", choices=[*catalogs.SEVERITIES, NEW], default="high",
                        help="a severity: fail on any failure at or above it; new: fail only on what is new since "
                             "the run the results were compared with (--compare)")
    gating.add_argument("--min-severity", choices=catalogs.SEVERITIES,
                        help="with --fail-on new: the lowest severity that fails (default low)")
    merge = commands.add_parser("merge-recordings", help="unite the recordings of a sharded run for --replay")
    merge.add_argument("--output", required=True, help="new directory for the merged recording")
    merge.add_argument("recordings", nargs="+", metavar="SHARD_DIR")
    matrix = commands.add_parser("coverage-matrix", help="framework items against controls, from the catalog")
    matrix.add_argument("--output", help="file to write (default: print)")
    args = parser.parse_args(argv)
    try:
        if args.command == "coverage-matrix":
            text = coverage.matrix(catalogs.load(CONTROLS_DIR), catalogs.load_manual(CONTROLS_DIR),
                                   catalogs.load_retired(CONTROLS_DIR))
            if args.output:
                Path(args.output).write_text(text)
            else:
                sys.stdout.write(text)
            return 0
        if args.command == "merge-recordings":
            merged = merge_recordings(args.output, args.recordings)
            print(f"merged {len(args.recordings)} shards into {merged}; write the report with: "
                  f"pytest -n auto --replay={merged}")
            return 0
        if args.command == "gate":
            return gate(args.results, args.fail_on, args.min_severity)
        if args.command == "verify-reports":
            return verify_reports(args.directory)
        if args.command == "check-baseline":
            return 1 if check_baseline(args.paths, datetime.date.today()) else 0
        init_baseline(args)
        return 0
    except ConfigurationError as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
