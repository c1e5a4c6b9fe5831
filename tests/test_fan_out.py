"""Per-resource reads run side by side (compliance.aws.fan_out), and that
changes neither what is answered nor which error a reader meets."""

import contextvars
import threading
import time

import pytest

from compliance.aws.fan_out import FanOut
from compliance.demo.organization import create_bucket
from tests.conftest import PROD, REGION, write_baseline

CALLER = contextvars.ContextVar("caller", default=None)


def test_answers_come_back_in_item_order_from_several_threads():
    threads = set()

    def read(n):
        threads.add(threading.current_thread().name)
        time.sleep(0.01 * (n % 3))
        return n * n

    assert FanOut(4).each(read, range(20)) == [n * n for n in range(20)]
    assert len(threads) > 1


def test_every_item_is_read_and_the_first_failure_in_item_order_is_raised():
    read = []

    def fail_on_odd(n):
        read.append(n)
        time.sleep(0.02 if n == 1 else 0)  # the later failure finishes first
        if n % 2:
            raise ValueError(n)
        return n

    with pytest.raises(ValueError) as raised:
        FanOut(4).each(fail_on_odd, range(8))
    assert raised.value.args == (1,)
    assert sorted(read) == list(range(8))


def test_the_readers_context_goes_with_each_item():
    """Reads sign with the identity set in a context variable (Connection.signed_as)."""
    token = CALLER.set("audit role of 111122223333")
    try:
        assert set(FanOut(4).each(lambda _: CALLER.get(), range(10))) == {"audit role of 111122223333"}
    finally:
        CALLER.reset(token)


def test_nested_fan_outs_finish_on_a_pool_of_one_helper():
    fan_out = FanOut(2)
    assert fan_out.each(lambda n: sum(fan_out.each(lambda m: m * n, range(5))), range(6)) == [
        10 * n for n in range(6)]


def test_width_one_reads_in_the_caller_thread():
    assert set(FanOut(1).each(lambda _: threading.current_thread(), range(5))) == {threading.current_thread()}


def test_one_accounts_buckets_are_read_side_by_side_within_the_concurrency(seeder, audit_roles, tmp_path,
                                                                           run_suite, local_aws):
    """One account-region's per-bucket reads overlap; --max-concurrency still bounds them."""
    for n in range(12):
        create_bucket(seeder, PROD, f"prod-data-{n}", versioning="Enabled")
    baseline = write_baseline(tmp_path / "b.yaml", regions=[REGION])
    local_aws.latency = 0.05
    suite = run_suite("controls/s3/test_s3_bucket_settings.py", "-k", "versioning", "-n", "0", "--max-concurrency=4",
                      f"--accounts={PROD}", baseline=baseline)
    assert suite.results["run"]["api"]["repeated"] == 0, suite.output
    assert 2 <= local_aws.injector.max_in_flight["s3"] <= 4
