"""A moto server on 127.0.0.1, in this process, with fault injection.

Tests and the demo use it as an AWS stand-in. ``inject`` makes matching
requests fail with a real AWS-shaped error (AccessDenied, throttling...), so
fail-closed behaviour is tested against the wire protocol the suite really
speaks, not against mocks of our own code.
"""

import functools
import io
import logging
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass
from xml.sax.saxutils import escape

from werkzeug.serving import make_server

from compliance.demo import moto_patches

_CREDENTIAL = re.compile(r"Credential=([^/]+)/\d+/([^/]+)/([^/]+)/")
_RPC_V2_PATH = re.compile(r"^/service/[^/]+/operation/(\w+)$")
# Signing names that differ from the client's service name.
_SIGNING_NAMES = {"monitoring": "cloudwatch"}
# S3 (REST) names its bucket reads by sub-resource in the query string.
S3_BUCKET_READS = {
    "versioning": "GetBucketVersioning",
    "policy": "GetBucketPolicy",
    "lifecycle": "GetBucketLifecycleConfiguration",
    "tagging": "GetBucketTagging",
    "object-lock": "GetObjectLockConfiguration",
    "logging": "GetBucketLogging",
    "encryption": "GetBucketEncryption",
    "location": "GetBucketLocation",
    "publicAccessBlock": "GetPublicAccessBlock",
    "list-type": "ListObjectsV2",
    "ownershipControls": "GetBucketOwnershipControls",
    "replication": "GetBucketReplication",
    "notification": "GetBucketNotificationConfiguration",
}

# REST services that name their operations by method and path (S3 Control
# signs as "s3": its API version in the path tells it apart).
REST_READS = {
    "lambda": ("rest-json", [("GET", re.compile(r"^/2015-03-31/functions/?$"), "ListFunctions"),
                             ("GET", re.compile(r"^/2015-03-31/functions/[^/]+/policy/?$"), "GetPolicy")]),
    "inspector2": ("rest-json", [("POST", re.compile(r"^/status/batch/get/?$"), "BatchGetAccountStatus")]),
    "glacier": ("rest-json", [("GET", re.compile(r"^/[^/]+/vaults/?$"), "ListVaults"),
                              ("GET", re.compile(r"^/[^/]+/vaults/[^/]+/lock-policy/?$"), "GetVaultLock")]),
    "guardduty": ("rest-json", [("GET", re.compile(r"^/detector/?$"), "ListDetectors"),
                                ("GET", re.compile(r"^/detector/[^/]+/?$"), "GetDetector"),
                                ("GET", re.compile(r"^/admin/?$"), "ListOrganizationAdminAccounts")]),
    "securityhub": ("rest-json", [("GET", re.compile(r"^/accounts/?$"), "DescribeHub"),
                                  ("POST", re.compile(r"^/standards/get/?$"), "GetEnabledStandards")]),
    "access-analyzer": ("rest-json", [("GET", re.compile(r"^/analyzer/?$"), "ListAnalyzers")]),
    "account": ("rest-json", [("POST", re.compile(r"^/getAlternateContact/?$"), "GetAlternateContact")]),
    "apigateway": ("rest-json", [("GET", re.compile(r"^/restapis/?$"), "GetRestApis"),
                                 ("GET", re.compile(r"^/restapis/[^/]+/stages/?$"), "GetStages"),
                                 ("GET", re.compile(r"^/v2/apis/?$"), "GetApis"),  # API Gateway v2 signs as apigateway
                                 ("GET", re.compile(r"^/v2/apis/[^/]+/stages/?$"), "GetStages"),
                                 ("GET", re.compile(r"^/v2/apis/[^/]+/routes/?$"), "GetRoutes")]),
    "cloudfront": ("rest-xml", [("GET", re.compile(r"^/2020-05-31/distribution/?$"), "ListDistributions"),
                                ("GET", re.compile(r"^/2020-05-31/distribution/[^/]+/config/?$"),
                                 "GetDistributionConfig")]),
    "route53": ("rest-xml", [("GET", re.compile(r"^/2013-04-01/hostedzone/?$"), "ListHostedZones"),
                             ("GET", re.compile(r"^/2013-04-01/queryloggingconfig/?$"), "ListQueryLoggingConfigs")]),
    "elasticfilesystem": ("rest-json", [("GET", re.compile(r"^/2015-02-01/file-systems/?$"), "DescribeFileSystems"),
                                        ("GET", re.compile(r"^/2015-02-01/access-points/?$"), "DescribeAccessPoints")]),
    "backup": ("rest-json", [("GET", re.compile(r"^/resources/?$"), "ListProtectedResources"),
                             ("GET", re.compile(r"^/backup-vaults/?$"), "ListBackupVaults"),
                             ("GET", re.compile(r"^/backup-vaults/[^/]+/recovery-points/?$"),
                              "ListRecoveryPointsByBackupVault")]),
    "appsync": ("rest-json", [("GET", re.compile(r"^/v1/apis/?$"), "ListGraphqlApis"),
                              ("GET", re.compile(r"^/v1/apis/[^/]+/ApiCaches/?$"), "GetApiCache")]),
    "eks": ("rest-json", [("GET", re.compile(r"^/clusters/?$"), "ListClusters"),
                          ("GET", re.compile(r"^/clusters/[^/]+/?$"), "DescribeCluster"),
                          ("GET", re.compile(r"^/cluster-versions/?$"), "DescribeClusterVersions")]),
    "s3control": ("rest-xml", [("GET", re.compile(r"^/v20180820/configuration/publicAccessBlock$"),
                                "GetPublicAccessBlock"),
                               ("GET", re.compile(r"^/v20180820/accesspoint/?$"), "ListAccessPoints"),
                               ("GET", re.compile(r"^/v20180820/accesspoint/[^/]+/?$"), "GetAccessPoint")]),
    "es": ("rest-json", [("GET", re.compile(r"^/2021-01-01/domain/?$"), "ListDomainNames"),  # OpenSearch Service
                         ("POST", re.compile(r"^/2021-01-01/opensearch/domain-info/?$"), "DescribeDomains")]),
    "macie2": ("rest-json", [("GET", re.compile(r"^/macie/?$"), "GetMacieSession")]),
    "kafka": ("rest-json", [("GET", re.compile(r"^/api/v2/clusters/?$"), "ListClustersV2")]),
}


@dataclass
class Fault:
    code: str
    message: str
    status: int = 400
    service: str = None
    operation: str = None
    account: str = None
    region: str = None
    remaining: int = None  # None: every matching request

    def matches(self, request):
        return all(
            want is None or want == request.get(name)
            for name, want in (
                ("service", self.service),
                ("operation" if "operation" in request else "s3_read", self.operation),
                ("account", self.account),
                ("region", self.region),
            )
        )


class FaultInjector:
    """WSGI middleware answering matching requests with an AWS error, and
    logging every request's service, operation, account and region."""

    def __init__(self, app):
        self.app = app
        self.faults = []
        self.log = []
        self.latency = 0.0  # seconds added to every request, to stand in for AWS round trips
        self.in_flight = {}
        self.max_in_flight = {}  # most requests of each service served at once: the client's concurrency
        self.busy_seconds = 0.0  # summed over requests: divided by a wall time, the mean requests in flight
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
        service = match.group(3) if match else "unsigned"
        with self.lock:
            self.in_flight[service] = self.in_flight.get(service, 0) + 1
            self.max_in_flight[service] = max(self.max_in_flight.get(service, 0), self.in_flight[service])
        began = time.monotonic()
        try:
            return self._serve(environ, start_response)
        finally:
            with self.lock:
                self.in_flight[service] -= 1
                self.busy_seconds += time.monotonic() - began

    def _serve(self, environ, start_response):
        if self.latency:
            time.sleep(self.latency)
        request = self.describe(environ)
        with self.lock:
            self.log.append(request)
        fault = self._take_matching(request)
        if fault is None:
            return self.app(environ, start_response)
        body, content_type = error_body(request, fault)
        headers = [("Content-Type", content_type), ("x-amzn-ErrorType", fault.code), ("Content-Length", str(len(body)))]
        if request.get("protocol") == "rpc-v2-cbor":
            headers.append(("smithy-protocol", "rpc-v2-cbor"))
        start_response(f"{fault.status} Error", headers)
        return [body]

    def _take_matching(self, request):
        with self.lock:
            for fault in self.faults:
                if fault.matches(request) and fault.remaining != 0:
                    if fault.remaining is not None:
                        fault.remaining -= 1
                    return fault
        return None

    @staticmethod
    def describe(environ):
        """Service, operation, account and region of a signed request."""
        from moto.iam.models import get_account_id_from

        request = {"method": environ["REQUEST_METHOD"]}
        match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
        if match:
            access_key, request["region"], service = match.groups()
            request["service"] = _SIGNING_NAMES.get(service, service)
            request["account"] = get_account_id_from(access_key)
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            request["operation"] = target.rsplit(".", 1)[-1]
            request["protocol"] = "json"
            return request
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            params.update(urllib.parse.parse_qs(body.decode()))
        if "Action" in params:
            request["operation"] = params["Action"][0]
            request["protocol"] = "ec2" if request.get("service") == "ec2" else "query"
            return request
        path = urllib.parse.unquote(environ.get("PATH_INFO", "/"))
        rpc = _RPC_V2_PATH.match(path)
        if rpc:  # Smithy RPC v2 CBOR (CloudWatch): the operation is in the path
            request.update(operation=rpc.group(1), protocol="rpc-v2-cbor")
            return request
        if request.get("service") == "s3" and path.startswith("/v20180820/"):
            request["service"] = "s3control"
        protocol, reads = REST_READS.get(request.get("service"), (None, []))
        for method, pattern, operation in reads:
            if request["method"] == method and pattern.match(path):
                request.update(operation=operation, protocol=protocol)
                return request
        request["protocol"] = "rest-xml"
        if request.get("service") == "s3" and request["method"] == "GET":
            read = [S3_BUCKET_READS[key] for key in params if key in S3_BUCKET_READS]
            if read:
                request["s3_read"] = read[0]
            elif environ.get("PATH_INFO", "/") == "/":
                request["s3_read"] = "ListBuckets"
        elif request.get("service") == "s3" and request["method"] == "HEAD" and re.fullmatch(r"/[^/]+/?", path):
            request["s3_read"] = "HeadBucket"
        return request


def _cbor_text(text):
    data = text.encode()
    head = bytes([0x60 | len(data)]) if len(data) < 24 else bytes([0x79]) + len(data).to_bytes(2, "big")
    return head + data


def error_body(request, fault):
    code, message = escape(fault.code), escape(fault.message)
    protocol = request.get("protocol")
    if protocol == "rpc-v2-cbor":  # a CBOR map of two text pairs
        body = b"\xa2" + _cbor_text("__type") + _cbor_text(fault.code) + _cbor_text("message") + _cbor_text(fault.message)
        return body, "application/cbor"
    if protocol in ("json", "rest-json"):
        return f'{{"__type": "{fault.code}", "message": "{fault.message}"}}'.encode(), "application/x-amz-json-1.1"
    if protocol == "ec2":
        xml = f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>fault</RequestID></Response>"
    elif protocol == "query":
        xml = f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>"
    else:
        xml = f"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault</RequestId></Error>"
    return xml.encode(), "text/xml"


class ServedInThread:
    """A server on 127.0.0.1, answering from a daemon thread of this process."""

    def __init__(self, server, name):
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join()


def _list_moto_modules_once():
    """moto's dispatcher lists its package directory (a listdir and an isdir
    per entry) for every request, under the lock all requests share: a fifth
    of its time per request on this machine. The list cannot change while it
    serves, so it is read once."""
    from moto import backends

    if not hasattr(backends.list_of_moto_modules, "cache_info"):
        backends.list_of_moto_modules = functools.cache(lambda listed=backends.list_of_moto_modules: tuple(listed()))


class LocalAws(ServedInThread):
    """moto, patched to AWS semantics, serving on 127.0.0.1."""

    def __init__(self, port=0):
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )

        moto_patches.apply()
        _list_moto_modules_once()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self.injector = FaultInjector(DomainDispatcherApplication(create_backend_app))
        super().__init__(make_server("127.0.0.1", port, self.injector, threaded=True,
                                     request_handler=MotoRequestHandler), "local-aws")

    @property
    def latency(self):
        return self.injector.latency

    @latency.setter
    def latency(self, seconds):
        self.injector.latency = seconds

    def reset(self):
        """Forget every resource and fault."""
        from moto.core.base_backend import BackendDict
        from moto.core.model_instances import reset_model_data

        BackendDict.reset()
        reset_model_data()
        with self.injector.lock:
            self.injector.faults.clear()
            self.injector.log.clear()
            self.injector.max_in_flight.clear()
            self.injector.busy_seconds = 0.0
        self.latency = 0.0

    def inject(self, code, message="injected fault", **match):
        """Fail matching requests (service, operation, account, region; remaining=N)."""
        fault = Fault(code, message, **match)
        with self.injector.lock:
            self.injector.faults.append(fault)
        return fault
