"""A realistic organization for the benchmarks: accounts of very different
sizes, as AWS organizations are, instead of bench/estate.py's thin ones.

The distribution (stated here, justified in docs/performance.md):

- Account sizes follow the rank-size rule (Zipf, exponent 1): the account of
  rank r holds LARGEST[kind] / r resources of each kind, rounded, and at
  least FLOOR[kind] (what a landing zone puts into every account). At 1,000
  accounts the median account holds 1/500 of the largest (20 snapshots,
  2 buckets), and the ten largest hold 39% of all resources.
- Ranks are shuffled over the account IDs with a fixed seed, so the largest
  account is not always the first, and the estate is the same on every run.
- A regional kind is spread over the regions by the same rule (weights 1,
  1/2, 1/3 ...: most in the home region); buckets too, by the region they
  are created in.

Seeding writes moto's backends directly (moto's HTTP API costs 3-5 ms of
CPU per call and a client per account-region; a backend call 0.01-0.1 ms).
"""

import base64
import json
import os
import random
from dataclasses import dataclass

from moto.backends import get_backend
from moto.ec2 import utils as ec2_utils

from compliance.demo.organization import no_op_handler

# Resources of each kind in the largest account, and in every account.
LARGEST = {
    "snapshots": 10_000, "volumes": 3_000, "instances": 1_500, "images": 400, "buckets": 1_000,
    "kms_keys": 250, "iam_roles": 1_000, "iam_users": 150, "iam_policies": 400, "security_groups": 1_200,
    "vpcs": 30, "network_acls": 60, "rds_instances": 80, "rds_snapshots": 1_200, "queues": 400, "topics": 250,
    "functions": 800, "log_groups": 2_500, "metric_filters": 40, "load_balancers": 120, "repositories": 200,
    "trails": 2,
}
FLOOR = {"iam_roles": 8, "buckets": 1, "log_groups": 2, "kms_keys": 1, "trails": 1}
GLOBAL_KINDS = {"iam_roles", "iam_users", "iam_policies"}
SEED = 2026

_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
_READ_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example/*"}]})


@dataclass(frozen=True)
class Account:
    id: str
    rank: int
    counts: dict  # kind -> {region: count}, global kinds under "global"

    def total(self, kind):
        return sum(self.counts[kind].values())


def split(count, regions):
    """``count`` spread over ``regions`` with weights 1, 1/2, 1/3 ... (largest remainders)."""
    weights = [1 / (i + 1) for i in range(len(regions))]
    shares = [count * w / sum(weights) for w in weights]
    whole = [int(s) for s in shares]
    for i in sorted(range(len(regions)), key=lambda i: whole[i] - shares[i])[:count - sum(whole)]:
        whole[i] += 1
    return dict(zip(regions, whole))


def profile(account_ids, regions):
    """Each account's resource counts, by kind and region."""
    ranks = list(range(1, len(account_ids) + 1))
    random.Random(SEED).shuffle(ranks)
    accounts = []
    for account_id, rank in zip(account_ids, ranks):
        counts = {}
        for kind, largest in LARGEST.items():
            count = max(FLOOR.get(kind, 0), round(largest / rank))
            counts[kind] = {"global": count} if kind in GLOBAL_KINDS else split(count, regions)
        accounts.append(Account(account_id, rank, counts))
    return accounts


def totals(accounts):
    """Resources of each kind in the whole estate."""
    return {kind: sum(a.total(kind) for a in accounts) for kind in LARGEST}


def without_moto_overheads():
    """Spare the estate two costs of moto that AWS does not have: Amazon's AMI
    catalog copied into every account-region (1,300 images and their
    snapshots: CPU and memory per EC2 backend), and resource IDs drawn one
    character at a time. Call before the first EC2 backend is made."""
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    ec2_utils.random_resource_id = lambda size=8: f"{ec2_utils.random.getrandbits(4 * size):0{size}x}"


def seed(accounts):
    """Seed every account of the profile into moto's backends in this process
    (those of the moto server bench/estate.py starts)."""
    backends = {name: get_backend(name) for name in ("iam", "ec2", "s3", "kms", "sqs", "sns", "logs", "ecr",
                                                             "rds", "lambda", "elbv2", "cloudtrail")}
    code = base64.b64encode(no_op_handler()).decode()  # as the API's JSON carries it
    for account in accounts:  # the audit role and password policy are bench/estate.py's
        _seed_global(backends, account)
        for region in account.counts["snapshots"]:
            _seed_region(backends, account, region, code)


def _seed_global(backends, account):
    iam = backends["iam"][account.id]["global"]
    for n in range(account.total("iam_roles")):
        iam.create_role(f"workload-{n}", _TRUST, "/", None, "", [], None)
    for n in range(account.total("iam_users")):
        iam.create_user("us-east-1", f"user-{n}")
    for n in range(account.total("iam_policies")):
        iam.create_policy("", "/", _READ_POLICY, f"policy-{n}", [])


def _seed_region(backends, account, region, code):
    def count(kind):
        return account.counts[kind][region]

    ec2 = backends["ec2"][account.id][region]
    zone = f"{region}a"
    vpcs = list(ec2.vpcs.values()) + [ec2.create_vpc(cidr_block=f"10.{n % 250}.0.0/16") for n in range(count("vpcs"))]
    for n in range(count("security_groups")):
        ec2.create_security_group(f"app-{n}", "workload", vpcs[n % len(vpcs)].id)
    for n in range(count("network_acls")):
        ec2.create_network_acl(vpcs[n % len(vpcs)].id)
    volumes = [ec2.create_volume(size=8, zone_name=zone, encrypted=n % 4 != 0) for n in range(count("volumes"))]
    if count("snapshots") and not volumes:
        volumes = [ec2.create_volume(size=8, zone_name=zone, encrypted=True)]
    for n in range(count("snapshots")):
        ec2.create_snapshot(volumes[n % len(volumes)].id, "backup plan")
    if count("instances"):  # before the golden images: moto scans every image for each instance it launches
        image = ec2.register_image(name="base", description="base image")
        ec2.run_instances(image.id, count("instances"), None, [], instance_type="t3.micro",
                          is_instance_type_default=False)
    for n in range(count("images")):
        ec2.register_image(name=f"golden-{n}", description="golden image")
    s3 = backends["s3"][account.id]["global"]
    for n in range(count("buckets")):
        s3.create_bucket(f"b-{account.id}-{region}-{n}", region)
    kms = backends["kms"][account.id][region]
    for n in range(count("kms_keys")):
        key = kms.create_key(None, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", f"key {n}", None)
        if n % 10:  # every tenth key does not rotate
            kms.enable_key_rotation(key.id)
    for n in range(count("queues")):
        backends["sqs"][account.id][region].create_queue(f"queue-{n}")
    for n in range(count("topics")):
        backends["sns"][account.id][region].create_topic(f"topic-{n}")
    logs = backends["logs"][account.id][region]
    for n in range(count("log_groups")):
        logs.create_log_group(f"/aws/workload/{n}", {})
    for n in range(min(count("metric_filters"), count("log_groups"))):
        logs.put_metric_filter(f"filter-{n}", '{ $.errorCode = "*" }', f"/aws/workload/{n}",
                               [{"metricName": f"m{n}", "metricNamespace": "bench", "metricValue": "1"}])
    ecr = backends["ecr"][account.id][region]
    for n in range(count("repositories")):
        ecr.create_repository(f"repo-{n}", None, {}, {"scanOnPush": False}, "MUTABLE", [])
    _seed_services(backends, account, region, count, vpcs[0].id)
    functions = backends["lambda"][account.id][region]
    for n in range(count("functions")):
        functions.create_function({"FunctionName": f"fn-{n}", "Runtime": "python3.12", "Handler": "handler.handler",
                                   "Role": f"arn:aws:iam::{account.id}:role/workload-0", "Code": {"ZipFile": code}})


def _seed_services(backends, account, region, count, vpc_id):
    """RDS instances and snapshots, load balancers and trails."""
    rds = backends["rds"][account.id][region]
    databases = _databases(count)
    for n in range(databases):
        rds.create_db_instance({"db_instance_identifier": f"db-{n}", "engine": "postgres",
                                "db_instance_class": "db.t3.micro", "allocated_storage": 20,
                                "master_username": "admin", "master_user_password": "bench-password"})
    for n in range(count("rds_snapshots")):
        rds.create_db_snapshot(f"db-{n % databases}", f"snap-{n}")
    if count("load_balancers"):
        subnets = [s.id for s in backends["ec2"][account.id][region].describe_subnets(filters={"vpc-id": [vpc_id]})]
        elb = backends["elbv2"][account.id][region]
        for n in range(count("load_balancers")):
            elb.create_load_balancer(f"lb-{n}", [], subnets[:2], scheme="internal")
    trails = backends["cloudtrail"][account.id][region]
    for n in range(count("trails") if count("buckets") else 0):  # a trail needs a bucket of its region
        trails.create_trail(f"trail-{n}", f"b-{account.id}-{region}-0", None, None, True, False, True, False,
                            None, None, None, [])


def _databases(count):
    """RDS instances of the region: its share, or one to take its snapshots."""
    return max(count("rds_instances"), 1 if count("rds_snapshots") else 0)
