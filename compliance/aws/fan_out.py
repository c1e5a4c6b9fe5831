"""Per-resource reads side by side.

Where no list request carries a fact (a bucket's settings, a key's rotation
status, an instance's console), an inventory asks once per resource. Asked
one after another, an account-region with a thousand buckets waits a
thousand round trips (and, throttled, AWS's refill rate) on one thread while
the process's other request slots idle. ``FanOut.each`` spreads such reads
over a process-wide pool instead; the connection's request slots still bound
what is in flight (--max-concurrency).

The caller works through its own items too, so ``each`` never waits on the
pool to start: nested ``each`` calls (inside an item) run on the thread that
calls them, and no thread of the pool ever waits for another.
"""

import contextvars
import threading
from concurrent.futures import ThreadPoolExecutor, wait

_in_pool = threading.local()


class FanOut:
    """``each(function, items)`` on up to ``width`` threads of this process."""

    def __init__(self, width):
        self._width = width
        self._pool = None
        self._lock = threading.Lock()

    def each(self, function, items):
        """``[function(item) for item in items]``, the items read side by side.
        Every item is read; the first exception in item order is raised, so
        what fails does not depend on timing."""
        items = list(items)
        if self._width <= 1 or len(items) < 2 or getattr(_in_pool, "active", False):
            return [function(item) for item in items]
        outcomes = [None] * len(items)
        remaining = iter(range(len(items)))
        taking = threading.Lock()

        def work():
            while True:
                with taking:
                    index = next(remaining, None)
                if index is None:
                    return
                try:
                    outcomes[index] = (True, function(items[index]))
                except BaseException as error:  # noqa: BLE001 - raised in order below
                    outcomes[index] = (False, error)

        def helper(context):
            _in_pool.active = True
            try:
                context.run(work)
            finally:
                _in_pool.active = False

        helpers = [self._executor().submit(helper, contextvars.copy_context())
                   for _ in range(min(self._width, len(items)) - 1)]
        work()
        for future in helpers:
            future.cancel()  # not started: every item is taken
        wait([future for future in helpers if not future.cancelled()])
        for succeeded, value in outcomes:
            if not succeeded:
                raise value
        return [value for _, value in outcomes]

    def _executor(self):
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._width, thread_name_prefix="fan-out")
            return self._pool
