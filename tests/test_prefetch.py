"""Accounts' inventories are read concurrently ahead of their tests, without
changing what is asked or what is decided."""

import threading
from types import SimpleNamespace

import pytest

from compliance.aws.metering import Meter
from compliance.aws.store import ResponseStore
from compliance.demo.organization import create_key
from compliance.targets import Account, RegionTarget
from fixtures.collection import account_scope, scopes_of_worker
from fixtures.prefetch import READ_AHEAD_ACCOUNTS, ReadAhead, _plan
from tests.conftest import DEV, PROD, write_baseline

CONTROLS = ("controls/kms", "controls/iam", "controls/rds")
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "us-west-2"]


@pytest.fixture
def estate(seeder, audit_roles, tmp_path, local_aws):
    for region in REGIONS:
        create_key(seeder, DEV, region, "no-rotation")
        create_key(seeder, PROD, region, "rotating", rotation_days=365)
    local_aws.latency = 0.05  # requests overlap only if the client sends them concurrently
    return write_baseline(tmp_path / "b.yaml", regions=REGIONS)


def verdicts(suite):
    return {r["nodeid"]: (r["outcome"], r["findings"]) for r in suite.results["results"]}


def test_requests_overlap_up_to_the_configured_concurrency(estate, run_suite, local_aws):
    suite = run_suite(*CONTROLS, "-n", "0", "--max-concurrency=8", baseline=estate)
    # KMS and RDS are read only by the tests: their overlap is the prefetcher's.
    assert 2 <= local_aws.injector.max_in_flight["kms"] <= 8
    assert local_aws.injector.max_in_flight["kms"] + local_aws.injector.max_in_flight["rds"] >= 4
    assert suite.results["run"]["api"]["repeated"] == 0


def test_one_request_at_a_time_without_concurrency(estate, run_suite, local_aws):
    run_suite(*CONTROLS, "-n", "0", "--max-concurrency=1", baseline=estate)
    assert max(local_aws.injector.max_in_flight.values()) == 1


def test_prefetching_changes_neither_questions_nor_verdicts(estate, run_suite, local_aws):
    serial = run_suite(*CONTROLS, "-n", "0", "--max-concurrency=1", baseline=estate)
    concurrent = run_suite(*CONTROLS, "-n", "2", "--max-concurrency=8", baseline=estate)
    assert verdicts(serial) == verdicts(concurrent)
    assert serial.results["run"]["api"]["questions"] == concurrent.results["run"]["api"]["questions"]
    assert concurrent.results["run"]["api"]["repeated"] == 0


def test_reading_runs_ahead_of_the_account_under_test():
    third_account_read = threading.Event()
    waited = {}

    def read(job):
        if job == 3:
            third_account_read.set()
        if job == 0:  # the first account's read finishes only once a later account's has begun
            waited[job] = third_account_read.wait(timeout=10)

    ahead = ReadAhead(read, {f"a{n}": [n] for n in range(6)}, threads=4)
    ahead.wait_for("a0")
    ahead.close()
    assert waited == {0: True}


def test_a_test_waits_only_for_the_reads_it_needs():
    slow_read_may_end, slow_read_ended = threading.Event(), threading.Event()

    def read(job):
        if job == "slow":
            slow_read_may_end.wait(timeout=10)
            slow_read_ended.set()

    ahead = ReadAhead(read, {"a0": ["fast", "slow"]}, threads=2)
    ahead.wait_for("a0", [0])
    assert not slow_read_ended.is_set()  # the test went on while the other read was still under way
    slow_read_may_end.set()
    ahead.wait_for("a0")
    ahead.close()


def test_a_read_that_meets_a_question_being_fetched_steps_aside(tmp_path):
    """Two threads: one fetches a shared answer slowly; the job that needs it
    too is set aside, so the other thread reads the next job meanwhile."""
    store = ResponseStore(tmp_path, Meter())
    may_answer, independent_read, fetches = threading.Event(), threading.Event(), []

    def fetch_shared():
        fetches.append(may_answer.wait(timeout=10))  # False: nothing read meanwhile, and the test gave up
        return {"response": "shared"}

    def read(job):
        if job == "independent":
            independent_read.set()
        else:
            store.answer(["shared"], fetch_shared)

    ahead = ReadAhead(read, {"a0": ["needs shared", "needs shared too", "independent"]}, threads=2)
    ahead.wait_for("a0", [2])
    assert independent_read.is_set() and not may_answer.is_set()
    may_answer.set()
    ahead.wait_for("a0")
    ahead.close()
    assert fetches == [True]


class _Item:
    """As much of a collected control as the read-ahead plan looks at."""

    def __init__(self, control, target, *fixtures):
        self.callspec = SimpleNamespace(params={"region_target": target})
        self.nodeid = f"controls/x/test_x.py::test_{control}[x-{target.account.id}-{target.region}]"
        self.fixturenames = list(fixtures)
        self._marker = SimpleNamespace(args=[control])

    def get_closest_marker(self, name):
        return self._marker


def test_controls_that_share_an_inventory_share_its_read():
    one, two = (RegionTarget(Account(f"{n:012d}"), "eu-west-1") for n in (1, 2))
    parameters = {"kms-rotation": {}, "kms-policy": {}, "kms-tighter": {"days": 90}}
    run = SimpleNamespace(scope=SimpleNamespace(unreachable={}), catalog={c: c for c in parameters},
                          baseline=SimpleNamespace(parameters=parameters.get))
    items = [_Item("kms-rotation", one, "kms_keys", "evidence"), _Item("kms-policy", one, "kms_keys"),
             _Item("kms-tighter", one, "kms_keys"), _Item("kms-rotation", two, "kms_keys")]
    jobs, needs = _plan(run, items, regions=False)
    assert [(load.__name__, target, params) for load, target, params in jobs[one.account.id]] == [
        ("kms_keys", one, {}), ("kms_keys", one, {"days": 90})]  # other parameters may mean other reads
    assert [needs[item] for item in items] == [(one.account.id, [0]), (one.account.id, [0]),
                                               (one.account.id, [1]), (two.account.id, [0])]
    jobs, needs = _plan(run, items, regions=True)
    assert needs[items[3]] == (f"{two.account.id}-eu-west-1", [0]) and len(jobs[f"{one.account.id}-eu-west-1"]) == 2


def test_reading_never_runs_further_ahead_than_the_window():
    reads, under_test = [], {"n": 0}

    def read(job):
        reads.append((job, under_test["n"]))

    ahead = ReadAhead(read, {f"a{n}": [n, n] for n in range(12)}, threads=3)
    for n in range(12):
        under_test["n"] = n
        ahead.wait_for(f"a{n}")
    ahead.close()
    assert sorted(job for job, _ in reads) == sorted(list(range(12)) * 2)  # every job, once
    assert all(job < n + READ_AHEAD_ACCOUNTS for job, n in reads)


def test_accounts_revisited_out_of_order_or_unknown_do_not_block():
    """Without xdist a control's tests visit every account in turn, so an
    account is waited for again after later ones; none may hang."""
    ahead = ReadAhead(lambda job: None, {f"a{n}": [n] for n in range(8)}, threads=2)
    for account in ("a0", "a1", "a7", "a0", "a3", "not-mine"):
        ahead.wait_for(account)
    ahead.close()


def test_workers_share_the_accounts_between_them_in_order():
    nodeids = [f"controls/kms/test_k.py::test_k[a-{n:012d}-us-east-1]" for n in range(5)]
    nodeids += [f"controls/iam/test_i.py::test_i[a-{n:012d}]" for n in range(5)] + ["controls/ec2/test_e.py::test_e"]
    shares = [scopes_of_worker(nodeids, index, 3) for index in range(3)]
    assert shares[0] == ["000000000000", "000000000003"]
    assert sorted(sum(shares, [])) == sorted({account_scope(n) for n in nodeids})  # each scope in exactly one share
    by_region = [scopes_of_worker(nodeids, index, 3, regions=True) for index in range(3)]
    assert by_region[0] == ["000000000000-us-east-1", "000000000003-us-east-1", "000000000001", "000000000004"]
    assert account_scope(nodeids[0], regions=True) == "000000000000-us-east-1"
    assert account_scope(nodeids[5], regions=True) == "000000000000"
