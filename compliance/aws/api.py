"""Reading AWS for one account: paginated, memoized, fail-closed.

``AccountApi.read`` is the single entry point through which inventory
functions ask AWS a question. Every answer (or error) goes through the run's
``ResponseStore``, so no question is asked twice in a run; free-form values
the customer stored (environment variables, user data...) are reduced to
their digests before it does (compliance.aws.customer_data).
"""

import threading
import time

import botocore
from botocore.exceptions import BotoCoreError, ClientError

from compliance.aws import customer_data, endpoints
from compliance.aws.answers import answer as named_answer
from compliance.errors import AccountUnreachable, ApiUnreadable


class AccountApi:
    """The API of one account through one identity (by default its audit role).

    ``credentials_factory`` returns the identity's botocore credentials, and is
    called on the first request. ``identity`` names the identity in memo keys,
    so that answers read as the starting identity are never confused with the
    audit role's.
    """

    def __init__(self, account_id, connection, store, credentials_factory, identity=None):
        self.account_id = account_id
        self.identity = identity or account_id
        self.connection = connection
        self.store = store
        self._credentials_factory = credentials_factory
        self._credentials = None
        self._lock = threading.Lock()

    def read(self, service, operation, region, absent=(), hold=True, **params):
        """The full answer to ``service:Operation(**params)`` in ``region``.

        Paginated operations are read to the end and merged; every dict of the
        answer is an ``Answer``, so a member a control needs but AWS left out
        errors naming the operation and the member. An AWS error whose
        code is in ``absent`` means "there is none" and returns None (for
        example ``NoSuchBucketPolicy``; a (code, message start) pair where the
        code alone also means denial); any other error raises ApiUnreadable.
        ``hold`` False leaves a large answer out of this process's memory
        (compliance.aws.store).
        """
        key = [self.identity, region, service, operation, params]
        answer = self.store.answer(key, lambda: self._fetch(service, operation, region, params), hold=hold)
        return self._response(answer, service, operation, region, absent)

    def each(self, function, items):
        """``[function(item) for item in items]`` with the items' reads side by
        side (compliance.aws.fan_out): for questions asked once per resource."""
        return self.connection.fan_out.each(function, items)

    def read_generated(self, service, operation, region, generate, missing, pending, wait_seconds=2.0, attempts=60):
        """The answer to ``operation``, a report AWS builds on request (IAM's
        credential report). While its error code is in ``missing``, ask
        ``generate``; while it is in ``pending``, wait ``wait_seconds``; then
        read again, at most ``attempts`` times. One question, however many
        requests it took."""
        key = [self.identity, region, service, operation, {}]

        def fetch():
            answer = self._fetch(service, operation, region, {})
            for _ in range(attempts):
                code = answer.get("error", {}).get("code")
                if code in pending:
                    time.sleep(wait_seconds)
                elif code in missing:
                    generated = self._fetch(service, generate, region, {})
                    if "error" in generated:
                        return generated
                else:
                    return answer
                answer = self._fetch(service, operation, region, {})
            return answer

        return self._response(self.store.answer(key, fetch), service, operation, region, absent=())

    def _response(self, answer, service, operation, region, absent):
        if "error" not in answer:
            return named_answer(answer["response"], (service, operation, self.account_id, region))
        error = answer["error"]
        if any(_means_absent(error, meaning) for meaning in absent):
            return None
        raise ApiUnreadable(service, operation, self.account_id, region, error["code"], error["message"])

    def _fetch(self, service, operation, region, params):
        try:
            client = self.connection.client(service, region)
            method = botocore.xform_name(operation)
            credentials = self._identity_credentials()
            with self.connection.signed_as(credentials), self.connection.request_slot():
                if client.can_paginate(method):
                    response = client.get_paginator(method).paginate(**params).build_full_result()
                else:
                    response = getattr(client, method)(**params)
        except ClientError as error:
            details = error.response.get("Error", {})
            return {"error": {"code": details.get("Code", "Unknown"), "message": details.get("Message", str(error))}}
        except endpoints.UNREACHABLE as error:
            return {"error": {"code": type(error).__name__, "message": self.connection.unreachable(service, error)}}
        except (BotoCoreError, AccountUnreachable) as error:
            return {"error": {"code": type(error).__name__, "message": str(error)}}
        response.pop("ResponseMetadata", None)
        return {"response": customer_data.minimized(service, operation, response)}

    def _identity_credentials(self):
        with self._lock:
            if self._credentials is None:
                self._credentials = self._credentials_factory()
            return self._credentials


def _means_absent(error, meaning):
    """Whether ``error`` is the absence ``meaning`` names: an error code, or a
    (code, message start) pair where AWS answers absence and denial with one
    code (Macie: AccessDeniedException "Macie is not enabled.")."""
    if isinstance(meaning, tuple):
        code, message = meaning
        return error["code"] == code and error["message"].startswith(message)
    return error["code"] == meaning
