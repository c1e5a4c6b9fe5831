"""Sharding by account: deterministic, complete, and merged back into the
verdicts of an unsharded run."""

import subprocess
import sys

import pytest

from compliance.demo.moto_patches import (
    cloud_init_console,
    set_console_output,
    unique_fingerprints,
)
from compliance.demo.organization import create_key, launch, seed_audit_roles
from compliance.errors import ConfigurationError
from compliance.shards import Shard, parse
from compliance.targets import Account
from tests.conftest import DEV, MANAGEMENT, PROD, ROOT, write_baseline

ACCOUNTS = [Account(f"{100000000000 + i * 7919:012d}") for i in range(23)]


@pytest.mark.parametrize("count", range(1, 8))
def test_every_account_is_in_exactly_one_shard(count):
    dealt = [a.id for index in range(1, count + 1) for a in Shard(index, count).accounts(reversed(ACCOUNTS))]
    assert sorted(dealt) == sorted(a.id for a in ACCOUNTS)
    assert len(dealt) == len(set(dealt))
    sizes = [len(Shard(index, count).accounts(ACCOUNTS)) for index in range(1, count + 1)]
    assert max(sizes) - min(sizes) <= 1


def test_assignment_does_not_depend_on_input_order():
    assert Shard(2, 3).accounts(ACCOUNTS) == Shard(2, 3).accounts(list(reversed(ACCOUNTS)))


@pytest.mark.parametrize("text, environ, expected", [
    ("2/4", {}, Shard(2, 4)),
    ("auto", {"CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "5"}, Shard(3, 5)),
    ("auto", {"JOB_COMPLETION_INDEX": "0", "COMPLIANCE_SHARD_COUNT": "4"}, Shard(1, 4)),
])
def test_shard_from_the_command_line_or_the_ci_system(text, environ, expected):
    assert parse(text, environ) == expected


@pytest.mark.parametrize("text, environ, message", [
    ("5/4", {}, "K must be between 1 and N"),
    ("two", {}, "give K/N, for example 2/4"),
    ("auto", {}, "none of CI_NODE_INDEX (GitLab) or JOB_COMPLETION_INDEX (Kubernetes) is set"),
    ("auto", {"JOB_COMPLETION_INDEX": "1"}, "JOB_COMPLETION_INDEX is set but COMPLIANCE_SHARD_COUNT is not"),
])
def test_bad_shards_are_refused(text, environ, message):
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text, environ)


def verdicts(suite):
    return {r["nodeid"]: (r["outcome"], r["findings"]) for r in suite.results["results"]}


def test_merged_shards_equal_an_unsharded_run(seeder, tmp_path, run_suite):
    seed_audit_roles(seeder, [MANAGEMENT, PROD, DEV])
    create_key(seeder, DEV, "eu-west-1", "no-rotation")
    create_key(seeder, MANAGEMENT, "us-east-1", "rotating", rotation_days=365)
    baked = cloud_init_console(unique_fingerprints("golden"))
    for account in (PROD, DEV):
        (instance,) = launch(seeder, account, "us-east-1")
        set_console_output(account, "us-east-1", instance, baked)
    baseline = write_baseline(tmp_path / "b.yaml", accounts={"list": [
        {"id": MANAGEMENT, "name": "management", "role": "management"}, {"id": PROD, "name": "prod"},
        {"id": DEV, "name": "dev"}]})
    controls = ("controls/kms", "controls/iam", "controls/ec2")

    whole = run_suite(*controls, baseline=baseline)
    shards = []
    for index in (1, 2):
        shard = run_suite(*controls, f"--shard={index}/2", f"--record={tmp_path / f'shard{index}'}", baseline=baseline)
        assert f"shard {index}/2: " in shard.output
        shards.append(shard)
    assert set(verdicts(shards[0])).isdisjoint(verdicts(shards[1]))
    assert any("ssh_host_key" in nodeid for nodeid in verdicts(shards[0]))  # organization-wide: shard 1 only
    merged = tmp_path / "merged"
    done = subprocess.run([sys.executable, "-m", "compliance", "merge-recordings", f"--output={merged}",
                           str(tmp_path / "shard2"), str(tmp_path / "shard1")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    replayed = run_suite(*controls, f"--replay={merged}", endpoint=False)

    assert verdicts(replayed) == verdicts(whole)
    assert {**verdicts(shards[0]), **verdicts(shards[1])} == verdicts(whole)
    assert [s["shard"] for s in replayed.results["run"]["merged_shards"]] == ["1/2", "2/2"]


def test_merge_refuses_an_incomplete_set(seeder, audit_roles, tmp_path, run_suite):
    baseline = write_baseline(tmp_path / "b.yaml")
    run_suite("controls/iam", "--shard=1/2", f"--record={tmp_path / 'one'}", baseline=baseline)
    done = subprocess.run([sys.executable, "-m", "compliance", "merge-recordings", f"--output={tmp_path / 'm'}",
                           str(tmp_path / "one")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "the recordings are shards 1/2: give each of the 2 shards exactly once" in done.stderr
