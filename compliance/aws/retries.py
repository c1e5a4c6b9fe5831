"""Retries and client-side rate limiting per identity, service and region.

AWS throttles each account on its own (per region and API). botocore keeps
its retry state per client: standard mode's retry quota (a circuit breaker
that stops retrying once many retries failed) and adaptive mode's
client-side rate limiter. This suite shares one client per service and
region among every account a process reads (compliance.aws.sessions), so
with botocore's wiring one throttled account would slow, and once the quota
is spent stop retrying, every other account's requests to that service and
region. Here each (identity, service, region) gets botocore's own retry
handler and rate limiter, built by botocore's own registration functions.

The retry mode and attempts follow the SDK configuration: --max-attempts,
else AWS_MAX_ATTEMPTS or the profile's max_attempts, else 5; AWS_RETRY_MODE
or the profile's retry_mode, else adaptive. Legacy mode keeps no state
between requests, so botocore's per-client handler serves it unchanged.
"""

import os
import threading
from collections import OrderedDict, defaultdict
from types import SimpleNamespace

from botocore.retries import adaptive, standard

from compliance.errors import ConfigurationError

DEFAULT_MODE = "adaptive"
DEFAULT_MAX_ATTEMPTS = 5
MODES = ("standard", "adaptive", "legacy")
# Retry states kept: enough for every service and region of the accounts a
# process has in hand (the one under test and those read ahead); a state
# dropped for an account long done only forgets its backoff.
KEPT_STATES = 4096


def settings(session, max_attempts=None):
    """(mode, attempts) from --max-attempts and the SDK configuration of ``session``."""
    config = session.get_scoped_config()
    mode = os.environ.get("AWS_RETRY_MODE") or config.get("retry_mode") or DEFAULT_MODE
    if mode not in MODES:
        raise ConfigurationError(f"retry mode {mode!r} (AWS_RETRY_MODE or the profile's retry_mode) is not one of "
                                 f"{', '.join(MODES)}. Set one of them, or unset it for {DEFAULT_MODE}.")
    configured = os.environ.get("AWS_MAX_ATTEMPTS") or config.get("max_attempts")
    if max_attempts is None and configured is not None:
        try:
            max_attempts = int(configured)
        except ValueError:
            raise ConfigurationError(f"max_attempts {configured!r} (AWS_MAX_ATTEMPTS or the profile's max_attempts) "
                                     "is not a whole number. Set a number of attempts, such as 5.") from None
    if max_attempts is not None and max_attempts < 1:
        raise ConfigurationError(f"{max_attempts} attempts per request: give 1 or more (--max-attempts, "
                                 "AWS_MAX_ATTEMPTS or the profile's max_attempts).")
    return mode, max_attempts or DEFAULT_MAX_ATTEMPTS


class _Registrations:
    """A stand-in client whose event registrations are kept, so that
    botocore's own retry wiring can be built for one identity."""

    def __init__(self, service_model):
        self.meta = SimpleNamespace(service_model=service_model, events=self)
        self.handlers = defaultdict(list)

    def register(self, event_name, handler, unique_id=None, **_):
        self.handlers[event_name.split(".")[0]].append(handler)


class RetriesPerIdentity:
    """Gives the process's shared clients retry state per identity (the
    credentials a request is signed with, from ``identity()``)."""

    EVENTS = ("before-send", "needs-retry", "after-call")

    def __init__(self, mode, max_attempts, identity):
        self.mode = mode
        self.max_attempts = max_attempts
        self._identity = identity
        self._states = OrderedDict()
        self._lock = threading.Lock()

    def client_config(self):
        """The ``retries`` of the shared clients' botocore Config: standard
        for adaptive too, whose rate limiter ``attach`` could not take off."""
        return {"mode": "legacy" if self.mode == "legacy" else "standard", "total_max_attempts": self.max_attempts}

    def attach(self, client, region):
        """Replace ``client``'s own retry state with state per identity."""
        if self.mode == "legacy":
            return
        service_model = client.meta.service_model
        events = service_model.service_id.hyphenize()
        client.meta.events.unregister(f"needs-retry.{events}", unique_id=f"retry-config-{events}")
        for event in self.EVENTS:
            client.meta.events.register(f"{event}.{events}", self._dispatcher(event, service_model, region))

    def _dispatcher(self, event, service_model, region):
        def dispatch(**kwargs):
            handlers = self._state(service_model, region).handlers[event]
            responses = [handler(**kwargs) for handler in handlers]
            return next((response for response in responses if response is not None), None)
        return dispatch

    def _state(self, service_model, region):
        key = (self._identity(), service_model.service_name, region)
        with self._lock:
            state = self._states.get(key)
            if state is None:
                state = self._states[key] = _Registrations(service_model)
                standard.register_retry_handler(state, max_attempts=self.max_attempts)
                if self.mode == "adaptive":
                    adaptive.register_retry_handler(state)
                if len(self._states) > KEPT_STATES:
                    self._states.popitem(last=False)
            else:
                self._states.move_to_end(key)
            return state
