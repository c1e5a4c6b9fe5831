"""A synthetic organization for benchmarks, seeded into a moto server on
127.0.0.1: N accounts x R regions, each with the audit role and a password
policy, and then

- profile thin (the default): K KMS keys per account-region (every tenth
  without rotation);
- profile realistic: the heavy-tailed resource counts of bench/realistic.py
  (thousands of snapshots, hundreds of buckets, instances, roles, keys,
  queues, functions ... in the largest accounts; a few of each in most).

    python -m bench.estate --accounts 200 --regions 4 --keys 1 --baseline /tmp/bench.yaml
    python -m bench.estate --accounts 50 --regions 4 --profile realistic --baseline /tmp/bench.yaml
    (serves until interrupted; prints the endpoint URL; --keys 0 seeds no KMS keys)
"""

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import yaml

from bench import realistic
from compliance.demo.organization import (
    AUDIT_ROLE,
    EXTERNAL_ID,
    MANAGEMENT,
    STRONG_PASSWORD_POLICY,
    Seeder,
    create_key,
    seed_audit_roles,
)
from compliance.demo.server import LocalAws
from compliance.targets import known_regions

FIRST_ACCOUNT = 100000000000
# Regions enabled by default in every account (no opt-in), most used first.
PREFERRED_REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "us-west-2", "ap-southeast-2", "eu-west-2",
                     "ca-central-1", "us-east-2", "ap-northeast-1", "eu-north-1", "sa-east-1", "ap-south-1",
                     "us-west-1", "eu-west-3", "ap-southeast-1", "ap-northeast-2", "ap-northeast-3"]


def account_ids(count):
    return [str(FIRST_ACCOUNT + i) for i in range(count)]


def regions(count):
    assert count <= len(PREFERRED_REGIONS) and set(PREFERRED_REGIONS) <= known_regions()
    return PREFERRED_REGIONS[:count]


PROFILES = ("thin", "realistic")


def seed(url, accounts, region_names, keys, threads=16, profile="thin"):
    """Seed the estate; return the account IDs."""
    seeder = Seeder(url)
    ids = account_ids(accounts)

    def one(index_and_id):
        index, account_id = index_and_id
        seed_audit_roles(seeder, [account_id])
        seeder.client("iam", account_id).update_account_password_policy(  # every seventh too short
            **{**STRONG_PASSWORD_POLICY, "MinimumPasswordLength": 14 if index % 7 else 8})
        for region in region_names:
            for k in range(keys):
                create_key(seeder, account_id, region, f"key-{k}", rotation_days=None if (index + k) % 10 == 0 else 365)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, enumerate(ids)))
    if profile == "realistic":
        realistic.seed(realistic.profile(ids, region_names))
    return ids


def write_baseline(path, ids, region_names):
    path.write_text(yaml.safe_dump({
        "version": 1,
        "home_region": "us-east-1",
        "audit_role": {"name": AUDIT_ROLE, "external_id": EXTERNAL_ID},
        "accounts": {"list": [{"id": i, "name": f"acct{n:05d}"} for n, i in enumerate(ids)]},
        "regions": region_names,
    }, sort_keys=False))


def start(accounts, region_count, keys, baseline_path, latency_ms=0, profile="thin"):
    """Start a server, seed it, write the baseline; return the server."""
    realistic.without_moto_overheads()
    server = LocalAws().start()
    began = time.monotonic()
    ids = seed(server.url, accounts, regions(region_count), keys if profile == "thin" else 0, profile=profile)
    write_baseline(baseline_path, ids, regions(region_count))
    server.latency = latency_ms / 1000
    what = f"{keys} keys" if profile == "thin" else "the realistic profile"
    print(f"seeded {accounts} accounts x {region_count} regions x {what} in {time.monotonic() - began:.1f}s "
          f"at {server.url} (starting identity: account {MANAGEMENT})", flush=True)
    return server


def main():
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--keys", type=int, default=1, help="KMS keys per account-region (thin profile)")
    parser.add_argument("--profile", choices=PROFILES, default="thin")
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--baseline", type=Path, required=True)
    args = parser.parse_args()
    server = start(args.accounts, args.regions, args.keys, args.baseline, args.latency_ms, args.profile)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
