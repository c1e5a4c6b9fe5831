"""Each distinct question is answered once per run, across threads and
processes, errors included."""

import datetime
import errno
import fcntl
import multiprocessing
import threading

import pytest

from compliance.aws.metering import Meter, summarise
from compliance.aws.store import AnswerPending, ResponseStore, starting_identity, without_waiting

KEY = ["111122223333", "eu-west-1", "kms", "ListKeys", {}]


def test_answers_round_trip_dates_and_bytes(tmp_path):
    store = ResponseStore(tmp_path, Meter())
    when = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    answer = store.answer(KEY, lambda: {"response": {"When": when, "Blob": b"\x00\x01"}})
    reread = ResponseStore(tmp_path, Meter()).answer(KEY, lambda: {"response": "must not be fetched"})
    assert answer == reread == {"response": {"When": when, "Blob": b"\x00\x01"}}


def test_errors_are_answers_too(tmp_path):
    calls = []
    store = ResponseStore(tmp_path, Meter())
    fetch = lambda: calls.append(1) or {"error": {"code": "AccessDenied", "message": "no"}}  # noqa: E731
    assert store.answer(KEY, fetch) == store.answer(KEY, fetch)
    assert len(calls) == 1


def test_concurrent_threads_fetch_once(tmp_path):
    calls = []
    store = ResponseStore(tmp_path, Meter())
    barrier = threading.Barrier(8)

    def ask():
        barrier.wait()
        store.answer(KEY, lambda: calls.append(1) or {"response": {}})

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1


def test_a_thread_that_must_not_wait_hears_when_the_answer_lands(tmp_path):
    store = ResponseStore(tmp_path, Meter())
    fetching, may_answer, told = threading.Event(), threading.Event(), threading.Event()

    def slow_fetch():
        fetching.set()
        may_answer.wait(timeout=10)
        return {"response": "answer"}

    fetcher = threading.Thread(target=store.answer, args=(KEY, slow_fetch))
    fetcher.start()
    fetching.wait(timeout=10)
    with without_waiting(), pytest.raises(AnswerPending) as pending:
        store.answer(KEY, lambda: {"response": "must not be fetched twice"})
    pending.value.when_answered(told.set)
    assert not told.is_set()
    may_answer.set()
    fetcher.join()
    assert told.wait(timeout=10)
    with without_waiting():
        assert store.answer(KEY, lambda: {"response": "must not be fetched twice"}) == {"response": "answer"}


def test_a_failed_fetch_lets_the_next_asker_fetch(tmp_path):
    store = ResponseStore(tmp_path, Meter())
    with pytest.raises(RuntimeError):
        store.answer(KEY, lambda: (_ for _ in ()).throw(RuntimeError("connection reset")))
    assert store.answer(KEY, lambda: {"response": "second try"}) == {"response": "second try"}


def _ask_in_process(directory, queue):
    meter = Meter()
    ResponseStore(directory, meter).answer(KEY, lambda: {"response": {"Keys": []}})
    queue.put(meter.to_data())


def test_concurrent_processes_fetch_once_and_repeats_would_be_counted(tmp_path):
    queue = multiprocessing.get_context("fork").Queue()
    processes = [multiprocessing.get_context("fork").Process(target=_ask_in_process, args=(tmp_path, queue))
                 for _ in range(4)]
    for process in processes:
        process.start()
    meters = [queue.get(timeout=30) for _ in processes]
    for process in processes:
        process.join()
    summary = summarise(meters)
    assert summary["questions"] == 1 and summary["repeated"] == 0

    # Two processes with separate stores both fetch: that is a repeat, and it shows.
    separate = [Meter(), Meter()]
    for index, meter in enumerate(separate):
        ResponseStore(tmp_path / str(index), meter).answer(KEY, lambda: {"response": {}})
    assert summarise([m.to_data() for m in separate])["repeated"] == 1


def test_a_lock_the_kernel_calls_a_deadlock_is_asked_for_again(tmp_path, monkeypatch):
    """Record locks belong to processes: the kernel may refuse one with EDEADLK
    when threads of two processes wait on each other's bytes, though each
    holder finishes on its own. The store waits and asks again."""
    from compliance.aws import store as store_module

    refusals = iter([OSError(errno.EDEADLK, "Resource deadlock avoided")])
    real = fcntl.lockf

    def lockf(fd, command, *args):
        if command == fcntl.LOCK_EX:
            refusal = next(refusals, None)
            if refusal is not None:
                raise refusal
        return real(fd, command, *args)

    monkeypatch.setattr(store_module.fcntl, "lockf", lockf)
    store = ResponseStore(tmp_path, Meter())
    assert store.answer(KEY, lambda: {"response": "fetched"}) == {"response": "fetched"}
    assert next(refusals, None) is None  # refused once, then granted


def test_a_forgotten_account_is_read_back_from_the_store_directory_never_fetched(tmp_path):
    store = ResponseStore(tmp_path, Meter())
    keys = {identity: [identity, "eu-west-1", "kms", "ListKeys", {}]
            for identity in ("111111111111", starting_identity("111111111111"), "222222222222")}
    for identity, key in keys.items():
        store.answer(key, lambda identity=identity: {"response": identity})
    store.forget("111111111111")
    for identity, key in keys.items():
        assert store.answer(key, lambda: pytest.fail("fetched again")) == {"response": identity}
    # Held in memory, 222222222222's answer outlives its file; the forgotten account's does not.
    store.forget("111111111111")
    for path in tmp_path.glob("*.json"):
        path.unlink()
    assert store.answer(keys["222222222222"], lambda: pytest.fail("fetched again")) == {"response": "222222222222"}
    for identity in ("111111111111", starting_identity("111111111111")):
        assert store.answer(keys[identity], lambda: {"response": "fetched"}) == {"response": "fetched"}


def test_an_answer_not_held_is_read_back_from_the_store_directory_never_fetched(tmp_path):
    store = ResponseStore(tmp_path, Meter())
    console = {"response": {"Output": "x" * 1000}}
    assert store.answer(KEY, lambda: console, hold=False) == console
    assert store.answer(KEY, lambda: pytest.fail("fetched again"), hold=False) == console  # from the directory
    for path in tmp_path.glob("*.json"):
        path.unlink()
    assert store.answer(KEY, lambda: {"response": "fetched"}, hold=False) == {"response": "fetched"}  # not in memory
