"""AWS's request rate limits, for the benchmark's answer server: a token
bucket per account, region and API (as EC2 keeps them), refilled at the rate
AWS documents, and each service's own throttling error for a request that
finds its bucket empty. The suite's adaptive retries and concurrency then meet
what they meet on AWS.

Where AWS publishes figures they are used; where it publishes none, a stated
conservative figure (a one-second bucket at the rate) is.
"""

import io
import threading
import time
import urllib.parse
from dataclasses import dataclass

from compliance.demo.server import Fault, FaultInjector, error_body


@dataclass(frozen=True)
class Limit:
    burst: int  # tokens the bucket holds
    rate: float  # tokens added per second
    source: str


EC2_DOCS = "Amazon EC2 API reference, 'Request throttling': request token bucket sizes and refill rates"
EC2_NON_MUTATING = Limit(100, 20, f"{EC2_DOCS}, non-mutating actions")
EC2_UNFILTERED = Limit(50, 10, f"{EC2_DOCS}, unfiltered and unpaginated non-mutating actions")
ASSUMED = Limit(20, 10, "not published: assumed 10 requests per second, bursts of 20 (conservative)")

# Per service, or per (service, operation) where the service sets operations apart.
LIMITS = {
    ("lambda", "GetPolicy"): Limit(15, 15, "Lambda quotas: GetPolicy API requests, 15 per second"),
    "lambda": Limit(15, 15, "Lambda quotas: the rest of the control plane API, 15 per second"),
    "kms": Limit(100, 100, "AWS KMS request quotas: assumed 100 per second, the lowest published for a read"),
    "s3": Limit(5500, 5500, "Amazon S3 performance guidelines: 5,500 GET/HEAD requests per second per prefix"),
    "sts": Limit(100, 100, "not published for AssumeRole per caller: assumed 100 per second"),
    "iam": Limit(40, 20, "not published: assumed 20 per second, bursts of 40 (IAM is one global endpoint)"),
}

# The error each service answers a throttled request with (code, HTTP status).
ERRORS = {
    "ec2": ("RequestLimitExceeded", 503),
    "s3": ("SlowDown", 503),
    "lambda": ("TooManyRequestsException", 429),
    "sqs": ("RequestThrottled", 403),
    "json": ("ThrottlingException", 400),
    "rest-json": ("ThrottlingException", 400),
    "query": ("Throttling", 400),
    "rpc-v2-cbor": ("ThrottlingException", 400),
}

# Query parameters that do not narrow what an EC2 Describe lists.
_NOT_NARROWING = {"Action", "Version", "DryRun"}


def limit_of(request, params):
    """The Limit for a described request (see compliance.demo.server). EC2's
    smaller bucket is for Describe actions that list without a filter,
    pagination or named resources; a request about one resource
    (DescribeInstanceAttribute, GetConsoleOutput) is an ordinary non-mutating one."""
    service, operation = request.get("service"), request.get("operation") or request.get("s3_read")
    if service == "ec2":
        unfiltered = (operation or "").startswith("Describe") and set(params) <= _NOT_NARROWING
        return EC2_UNFILTERED if unfiltered else EC2_NON_MUTATING
    return LIMITS.get((service, operation)) or LIMITS.get(service) or ASSUMED


class RateLimits:
    """Token buckets by (account, region, service, operation), sized by
    ``limits(request, params)`` (default: AWS's, as ``limit_of`` gives them)."""

    def __init__(self, limits=limit_of):
        self._limit_of = limits
        self._buckets = {}  # key -> [tokens, when last refilled]
        self.throttled = 0
        self.lock = threading.Lock()

    def fault_for(self, method, target, headers, body):
        """None if the request may pass, else the Fault to answer it with."""
        path, _, query = target.partition("?")
        environ = {"REQUEST_METHOD": method, "HTTP_AUTHORIZATION": headers.get("Authorization", ""),
                   "HTTP_X_AMZ_TARGET": headers.get("X-Amz-Target"), "CONTENT_LENGTH": str(len(body)),
                   "CONTENT_TYPE": headers.get("Content-Type", ""), "wsgi.input": io.BytesIO(body),
                   "QUERY_STRING": query, "PATH_INFO": urllib.parse.unquote(path)}
        request = FaultInjector.describe(environ)
        params = urllib.parse.parse_qs(query) | (urllib.parse.parse_qs(body.decode(errors="replace"))
                                                 if request.get("protocol") in ("ec2", "query") else {})
        limit = self._limit_of(request, params)
        key = (request.get("account"), request.get("region"), request.get("service"),
               request.get("operation") or request.get("s3_read"))
        if self._take(key, limit):
            return None
        code, status = ERRORS.get(request.get("service")) or ERRORS.get(request.get("protocol"), ERRORS["query"])
        return request, Fault(code, "Rate exceeded", status)

    def _take(self, key, limit):
        now = time.monotonic()
        with self.lock:
            tokens, last = self._buckets.get(key, (limit.burst, now))
            tokens = min(limit.burst, tokens + (now - last) * limit.rate)
            admitted = tokens >= 1
            self._buckets[key] = (tokens - admitted, now)
            self.throttled += not admitted
            return admitted

    @staticmethod
    def answer(request, fault):
        """(status, headers, body) of the throttling error, in the request's protocol."""
        body, content_type = error_body(request, fault)
        return fault.status, [("Content-Type", content_type), ("x-amzn-ErrorType", fault.code)], body
