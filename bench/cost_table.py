"""The cost table of docs/performance.md: what the suite asks AWS on the
realistic estate (bench/realistic.py), per operation, per resource and per
control family, and what that makes at 1,000 accounts.

    .venv/bin/python -m bench.cost_table --accounts 10 --regions 4 --output docs/performance.md

One run of every control (recorded, so each question's parameters are known)
and one run per control family (controls/<family>/) against moto. An
operation whose questions name a resource (a bucket, a key ...) and number
differently from one account-region to another is per resource, and its cost
per resource is its requests divided by the resources of that kind; one
asked as often in every account-region (two named policies per account, say)
is not.
Extrapolation to 1,000 accounts: per-account-region operations grow with the
account-regions, per-resource ones with the resources of the 1,000-account
profile. Every per-resource operation must say why no list request answers
it (PER_RESOURCE); one that does not is printed as UNEXPLAINED.
"""

import argparse
import functools
import json
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import botocore.session

from bench import estate, realistic, suite
from compliance.aws.store import loads
from compliance.run import RECORDING_RUN

START, END = "<!-- cost-table:start -->", "<!-- cost-table:end -->"

# The request parameter naming the resource a per-resource question is about, and the kind it is.
RESOURCE_PARAMETERS = {
    "Bucket": "buckets", "KeyId": "kms_keys", "FunctionName": "functions", "QueueUrl": "queues",
    "TopicArn": "topics", "DBSnapshotIdentifier": "rds_snapshots", "InstanceId": "instances",
    "LoadBalancerArn": "load_balancers", "repositoryName": "repositories", "logGroupName": "log_groups",
    "RoleName": "iam_roles", "UserName": "iam_users", "PolicyArn": "iam_policies", "Name": "trails",
    "TrailName": "trails", "DBInstanceIdentifier": "rds_instances",
}

SINGULAR = {"repositories": "repository", "iam_policies": "iam_policy"}

# Why AWS answers these only per resource (no list or filtered request carries the fact).
PER_RESOURCE = {
    "s3": "S3 has no account-wide read of bucket settings: each is a request per bucket",
    "kms:GetKeyRotationStatus": "ListKeys carries no rotation status",
    "kms:DescribeKey": "ListKeys carries only IDs: state, manager and origin are DescribeKey's",
    "kms:GetKeyPolicy": "a key policy is read per key",
    "lambda:GetPolicy": "ListFunctions carries no resource policy",
    "sqs:GetQueueAttributes": "ListQueues carries only URLs",
    "sns:GetTopicAttributes": "ListTopics carries only ARNs",
    "ecr:GetRepositoryPolicy": "DescribeRepositories carries no policy",
    "ecr:GetLifecyclePolicy": "DescribeRepositories carries no lifecycle policy",
    "rds:DescribeDBSnapshotAttributes": "DescribeDBSnapshots carries no restore attribute, and its "
                                        "SnapshotType=public lists every AWS account's public snapshots in the region",
    "rds:DescribeDBClusterSnapshotAttributes": "as for DB snapshots: DescribeDBClusterSnapshots carries no "
                                               "restore attribute",
    "ec2:GetConsoleOutput": "console output is read per instance",
    "ec2:DescribeInstanceAttribute": "user data is read per instance",
    "cloudtrail:GetTrailStatus": "DescribeTrails carries no logging status",
    "cloudtrail:GetEventSelectors": "DescribeTrails carries no event selectors",
    "cloudtrail:ListTags": "DescribeTrails carries no tags",
    "elastic-load-balancing-v2:DescribeLoadBalancerAttributes": "DescribeLoadBalancers carries no attributes",
    "elastic-load-balancing-v2:DescribeListeners": "listeners are listed per load balancer",
}


def run_all(work, url, workers, record=None, paths=("controls",), name="all"):
    """Run ``paths`` over the estate; return results.json."""
    reports = work / f"reports-{name}"
    suite.run("-n", str(workers), *paths, f"--baseline={work / 'baseline.yaml'}", f"--endpoint-url={url}",
              f"--reports-dir={reports}", *([f"--record={record}"] if record else ()), what=f"the suite ({name})")
    return json.loads((reports / "results.json").read_text())


@functools.cache
def service_id(service):
    """The service's ID as the meter writes it (``elbv2`` -> ``elastic-load-balancing-v2``)."""
    return botocore.session.get_session().get_service_model(service).service_id.hyphenize()


def questions_by_operation(recording):
    """service-id:Operation, as the meter names it -> (questions, account-regions
    asked, the parameter naming a resource when the operation is asked per
    resource: a number of times that differs between account-regions)."""
    per_place, parameters = defaultdict(Counter), defaultdict(Counter)
    for path in recording.glob("*.json"):
        if path.name == RECORDING_RUN:
            continue
        identity, region, service, operation, params = loads(path.read_text())["key"][:5]
        op = f"{service_id(service)}:{operation}"
        per_place[op][identity, region] += 1
        parameters[op].update(p for p in params if p in RESOURCE_PARAMETERS)
    return {op: (sum(counts.values()), len(counts),
                 parameters[op].most_common(1)[0][0] if parameters[op] and len(set(counts.values())) > 1 else None)
            for op, counts in per_place.items()}


def operation_rows(results, asked, totals, totals_at_1000, accounts):
    rows = []
    for op, requests in results["run"]["api"]["by_operation"].items():
        questions, places, parameter = asked.get(op, (requests, accounts, None))
        if parameter is not None:  # per resource
            kind = RESOURCE_PARAMETERS[parameter]
            rate = requests / max(totals.get(kind, 0), 1)
            at_1000 = rate * totals_at_1000.get(kind, 0)
            why = PER_RESOURCE.get(op) or PER_RESOURCE.get(op.split(":")[0]) or "UNEXPLAINED"
            cost = f"{rate:.2f} per {SINGULAR.get(kind, kind[:-1]).replace('_', ' ')}"
        else:  # per account, or per account-region: grows with the accounts
            at_1000 = requests / accounts * 1000
            why, cost = "", f"{requests / places:.2f} per {'account' if places <= accounts else 'account-region'}"
        rows.append((op, requests, questions, cost, round(at_1000), why))
    return sorted(rows, key=lambda r: -r[4])


def family_rows(work, url, workers):
    rows = []
    for family in sorted(p for p in (suite.ROOT / "controls").iterdir() if (p / "catalog.yaml").exists()):
        results = run_all(work, url, workers, paths=(str(family.relative_to(suite.ROOT)),), name=family.name)
        by_operation = results["run"]["api"]["by_operation"]
        top = sorted(by_operation.items(), key=lambda kv: -kv[1])[:3]
        rows.append((family.name, sum(by_operation.values()), ", ".join(f"{op} {n}" for op, n in top)))
    return rows


def markdown(args, totals, operations, families, seconds):
    lines = [START, "",
             f"Generated by `python -m bench.cost_table --accounts {args.accounts} --regions {args.regions}` "
             f"on the realistic profile ({args.accounts} accounts x {args.regions} regions; "
             + ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in totals.items()) + f"), in {seconds:.0f} s.",
             "", "### Requests per operation", "",
             "| Operation | Requests | Questions | Cost | At 1,000 accounts | Why per resource |",
             "|---|---:|---:|---|---:|---|"]
    lines += [f"| `{op}` | {requests:,} | {questions:,} | {cost} | {at_1000:,} | {why} |"
              for op, requests, questions, cost, at_1000, why in operations]
    lines.append(f"| all operations | {sum(r[1] for r in operations):,} | {sum(r[2] for r in operations):,} | "
                 f"{sum(r[1] for r in operations) / args.accounts:,.0f} per account | "
                 f"{sum(r[4] for r in operations):,} | |")
    lines += ["", "### Requests per control family (each family run alone)", "",
              "| Family | Requests | Largest operations |", "|---|---:|---|"]
    lines += [f"| `controls/{name}` | {requests:,} | {top} |" for name, requests, top in families]
    return "\n".join(lines + ["", END])


def write_into(path, table):
    text = path.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"{path} has no {START} ... {END} section to replace")
    path.write_text(text[:text.index(START)] + table + text[text.index(END) + len(END):])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--workers", default="2", help="pytest-xdist -n")
    parser.add_argument("--output", type=Path, help="a Markdown file whose cost-table section is replaced "
                                                    "(default: print the table)")
    args = parser.parse_args()
    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="cost-table-"))
    server = estate.start(args.accounts, args.regions, 0, work / "baseline.yaml", profile="realistic")
    try:
        results = run_all(work, server.url, args.workers, record=work / "recording")
        asked = questions_by_operation(work / "recording")
        families = family_rows(work, server.url, args.workers)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    regions = estate.regions(args.regions)
    totals = realistic.totals(realistic.profile(estate.account_ids(args.accounts), regions))
    at_1000 = realistic.totals(realistic.profile(estate.account_ids(1000), regions))
    operations = operation_rows(results, asked, totals, at_1000, args.accounts)
    table = markdown(args, totals, operations, families, time.monotonic() - began)
    if args.output:
        write_into(args.output, table)
        print(f"wrote the cost table into {args.output}")
    else:
        print(table)
    unexplained = [op for op, *_, why in operations if why == "UNEXPLAINED"]
    if unexplained:
        print(f"per-resource operations without a reason in PER_RESOURCE: {', '.join(unexplained)}")


if __name__ == "__main__":
    main()
