"""Memo of API answers shared by every process of a run.

Each distinct question (account, region, service, operation, parameters) is
answered once: the first process to ask fetches the answer and writes it to
the run's store directory while it holds the question's lock (a byte of the
store's one lock file, at an offset drawn from the question's hash); every
other thread or process reads that file. Errors are answers too, so an
AccessDenied is not asked again and every control that needed that answer
errors the same way.

A thread that asks a question another thread of its process is fetching
waits for that answer, unless it reads inside ``without_waiting()``: then
``AnswerPending`` says so at once, and the thread can do other work meanwhile
(the read-ahead's threads: one waiting is one request fewer in flight).
"""

import base64
import contextlib
import datetime
import errno
import fcntl
import hashlib
import json
import os
import threading
import time
from concurrent.futures import Future

# How long a process waits before asking again for a byte lock the kernel
# refused as a deadlock that threads of the two processes will resolve.
_DEADLOCK_RETRY_SECONDS = 0.01


def _encode(value):
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes__": base64.b64encode(value).decode()}
    raise TypeError(f"cannot store {type(value).__name__} in the API store")


def _decode(obj):
    if "__datetime__" in obj:
        return datetime.datetime.fromisoformat(obj["__datetime__"])
    if "__bytes__" in obj:
        return base64.b64decode(obj["__bytes__"])
    return obj


def dumps(value):
    return json.dumps(value, default=_encode, sort_keys=True)


def loads(text):
    return json.loads(text, object_hook=_decode)


class AnswerPending(Exception):
    """Another thread is fetching the answer; ``when_answered(callback)``
    calls ``callback()`` once it has (at once if it already has)."""

    def __init__(self, fetched):
        super().__init__("another thread is fetching this answer")
        self._fetched = fetched

    def when_answered(self, callback):
        self._fetched.add_done_callback(lambda _: callback())


def starting_identity(account_id):
    """The identity, in memo keys, of the credentials a run starts with, in
    their own account (an audit role's identity is its account ID)."""
    return f"{account_id}/starting-identity"


def account_of_identity(identity):
    """The account ID of an identity in a memo key (or the key's first
    word, for inputs that are not API questions)."""
    return str(identity).split("/", 1)[0]


LOCK_FILE = "locks"  # in the store directory, beside one <sha256>.json per answer

_this_thread = threading.local()


@contextlib.contextmanager
def without_waiting():
    """In this block, asking a question that another thread is fetching raises
    AnswerPending instead of waiting for its answer."""
    _this_thread.no_waiting = True
    try:
        yield
    finally:
        _this_thread.no_waiting = False


class ResponseStore:
    """Answers keyed by question, in memory and in ``directory``.

    With ``replay`` the directory is a recording of an earlier run: answers
    come only from it, and a question it does not hold is answered with the
    error ``NotInRecording`` (nothing is fetched, nothing is written).
    """

    def __init__(self, directory, meter, replay=False):
        self.directory = directory
        self.meter = meter
        self.replay = replay
        self._answers = {}  # account ID (or "input") -> {text key -> answer}
        self._fetching = {}  # text key -> Future done when this process's fetch of it ends
        self._fetching_guard = threading.Lock()
        if not replay:
            os.makedirs(directory, mode=0o700, exist_ok=True)
            # Record locks belong to the process, and closing any descriptor of
            # the file drops them all: the store opens it once and keeps it.
            self._locks = open(os.path.join(directory, LOCK_FILE), "a")

    def answer(self, key, fetch, question=True, hold=True):
        """Return the stored answer to ``key``, calling ``fetch()`` only if no
        process of this run has asked it yet. ``key`` is a JSON-able list;
        ``question`` is False for inputs that are not AWS API questions (they
        are recorded, but not counted as API questions). With ``hold`` False
        the answer is not kept in this process's memory (a large one its
        reader reduces at once, such as an instance's console): asked again,
        it is read from the store directory."""
        text_key = dumps(key)
        held = self._answers.setdefault(account_of_identity(key[0]), {})
        while text_key not in held:
            with self._fetching_guard:
                fetched = self._fetching.get(text_key)
                mine = fetched is None and text_key not in held
                if mine:
                    fetched = self._fetching[text_key] = Future()
            if mine:
                try:
                    answer = self._answer_across_processes(text_key, fetch, question)
                    if not hold:
                        return answer
                    held[text_key] = answer
                finally:  # on an exception, whoever was waiting asks again
                    with self._fetching_guard:
                        del self._fetching[text_key]
                    fetched.set_result(None)
            elif fetched is not None:
                if getattr(_this_thread, "no_waiting", False):
                    raise AnswerPending(fetched)
                fetched.result()
        return held[text_key]

    def forget(self, account_id):
        """Drop from this process's memory what it read about ``account_id``
        (as its audit role or any other identity in it). The answers stay in
        the store directory: asked again, they are read from there."""
        self._answers.pop(account_id, None)

    def _answer_across_processes(self, text_key, fetch, question):
        digest = hashlib.sha256(text_key.encode()).hexdigest()
        path = os.path.join(self.directory, digest)
        if self.replay:
            return self._recorded(path, text_key)
        with self._locked(int(digest[:15], 16)):
            if os.path.exists(path + ".json"):
                with open(path + ".json") as stored:
                    return loads(stored.read())["answer"]
            answer = fetch()
            if question:
                self.meter.record_question(text_key)
            text = dumps({"key": loads(text_key), "answer": answer})
            self._write(path, text)
            return loads(text)["answer"]  # as every other process reads it

    @contextlib.contextmanager
    def _locked(self, offset):
        """Hold the byte at ``offset`` of the lock file against other processes
        (this process's threads are kept apart by ``answer``). The kernel
        tracks record locks per process, not per thread: two processes whose
        threads hold one byte each and wait for the other's look deadlocked
        to it (EDEADLK) though each holder finishes on its own; wait and ask
        again."""
        while True:
            try:
                fcntl.lockf(self._locks, fcntl.LOCK_EX, 1, offset)
                break
            except OSError as error:
                if error.errno != errno.EDEADLK:
                    raise
                time.sleep(_DEADLOCK_RETRY_SECONDS)
        try:
            yield
        finally:
            fcntl.lockf(self._locks, fcntl.LOCK_UN, 1, offset)

    def _recorded(self, path, text_key):
        try:
            with open(path + ".json") as stored:
                return loads(stored.read())["answer"]
        except FileNotFoundError:
            return {"error": {"code": "NotInRecording",
                              "message": f"the recording {self.directory} holds no answer to {text_key}"}}

    @staticmethod
    def _write(path, text):
        """Write ``path``.json whole or not at all; the caller holds its lock,
        so no other writer shares the temporary file."""
        with open(path + ".tmp", "w") as out:
            out.write(text)
        os.replace(path + ".tmp", path + ".json")
