"""Recorded answers: an HTTP server on 127.0.0.1 in front of moto that keeps
the answer to every request it forwards, and gives it again, after the
simulated latency, when the same request comes back.

A benchmark's warm-up run goes through it with ``recording`` on and no
latency: every request goes to moto and its answer is kept. The measured run
then makes the same requests (same role session name, same
estate) and is answered from memory, as real AWS answers: after a round trip,
without taking this machine's CPU (moto spends about 2.5 ms of CPU per warm
request, which on two cores competes with the suite it serves). A request is
the same when its method, path, query, body, signing access key, region and
service (one endpoint serves every region here, as AWS's regional endpoints
do not), X-Amz-Target and x-amz-account-id are; the latest answer is kept, so state a run changed
(IAM's credential report, once generated) is what the next run sees. Once
recording is off, a request not seen before still goes to moto (and is
counted as a miss), and role credentials in a replayed answer expire hours
after the replay, not when the warm-up's did.

With ``limits`` (bench/throttling.py's RateLimits) the measured run also
meets AWS's rate limits: a request that finds its token bucket empty gets
the service's throttling error after the latency, as from AWS.
"""

import datetime
import http.client
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from compliance.demo.server import _CREDENTIAL, ServedInThread

# Headers that belong to one connection or one answer, not to the answer's content.
_NOT_REPLAYED = {"connection", "keep-alive", "transfer-encoding", "date", "server", "content-length"}
# When role credentials expire, in an STS answer.
_EXPIRATION = re.compile(rb"<Expiration>[^<]*</Expiration>")
# A role session's life in a replayed answer: longer than any measured run.
_SESSION = datetime.timedelta(hours=12)


class RecordedAnswers(ServedInThread):
    def __init__(self, upstream_url):
        upstream = urllib.parse.urlsplit(upstream_url)
        self._upstream = (upstream.hostname, upstream.port)
        self._answers = {}
        self.recording = True
        self.latency = 0.0
        self.limits = None
        self.requests = 0
        self.misses = 0
        self.busy_seconds = 0.0  # summed over requests: divided by a wall time, the mean requests in flight
        self.lock = threading.Lock()
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        server.daemon_threads = True
        super().__init__(server, "recorded-answers")

    def counters(self):
        """(requests, misses, request-seconds) so far."""
        with self.lock:
            return self.requests, self.misses, self.busy_seconds

    def answer(self, method, path, headers, body):
        """(status, headers, body): the recorded answer, or moto's (then recorded)."""
        began = time.monotonic()
        credential = _CREDENTIAL.search(headers.get("Authorization", ""))
        key = (method, path, body, credential.group(1, 2, 3) if credential else None,
               headers.get("X-Amz-Target"), headers.get("x-amz-account-id"))
        with self.lock:
            recording = self.recording
            recorded = None if recording else self._answers.get(key)
        throttled = None if recording or self.limits is None else self.limits.fault_for(method, path, headers, body)
        if throttled:
            recorded = self.limits.answer(*throttled)
        missed = recorded is None and not recording
        if recorded is None:
            recorded = self._forward(method, path, headers, body)
            with self.lock:
                self._answers[key] = recorded
        if not recording:
            recorded = _fresh(recorded)
        if self.latency:
            time.sleep(self.latency)
        with self.lock:
            self.requests += 1
            self.misses += missed
            self.busy_seconds += time.monotonic() - began
        return recorded

    def _forward(self, method, path, headers, body):
        connection = http.client.HTTPConnection(*self._upstream, timeout=300)
        try:
            connection.request(method, path, body=body, headers=dict(headers))
            response = connection.getresponse()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _NOT_REPLAYED]
            return response.status, kept, response.read()
        finally:
            connection.close()

    def _handler_class(self):
        answers = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive: the suite's connection pools reuse connections
            # Headers and body go out as two writes: with Nagle's algorithm the body
            # waited for the client's delayed ACK, adding 26 ms to every answer.
            disable_nagle_algorithm = True

            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, headers, content = answers.answer(self.command, self.path, self.headers, body)
                self.send_response_only(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(content)

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _any

            def log_message(self, *_):
                pass

        return Handler


def _fresh(answer):
    """``answer`` with any role credentials it issues valid from now: an
    AssumeRole answer replayed as recorded would carry the warm-up's expiry,
    and once that is near, the SDK refreshes the credentials before every
    request."""
    status, headers, body = answer
    if b"<Expiration>" not in body:
        return answer
    expires = (datetime.datetime.now(datetime.timezone.utc) + _SESSION).strftime("%Y-%m-%dT%H:%M:%SZ")
    return status, headers, _EXPIRATION.sub(b"<Expiration>" + expires.encode() + b"</Expiration>", body)
