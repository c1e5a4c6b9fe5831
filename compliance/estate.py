"""Per-process access to every account in scope.

The controller builds an ``Estate`` to resolve the scope and assume each
audit role once; it then hands ``Access`` and the credentials it obtained to
every xdist worker, which builds its own ``Estate`` from them. All processes
share one ``ResponseStore`` directory, so each question is asked only once.
"""

import threading
from dataclasses import asdict, dataclass

from compliance.aws.api import AccountApi
from compliance.aws.sessions import Connection, RoleAssumer, role_arn
from compliance.aws.store import ResponseStore, starting_identity


@dataclass(frozen=True)
class Access:
    """How this run reaches AWS; plain data, identical in every process."""

    store_dir: str
    role_name: str
    session_name: str
    home_region: str
    partition: str = "aws"
    external_id: str = None
    duration_seconds: int = 3600
    endpoint_url: str = None
    profile: str = None
    max_attempts: int = None  # None: the SDK configuration's, else 5 (compliance.aws.retries)
    max_pool: int = 10
    replay: bool = False  # answer only from the recording in store_dir
    keep_store: bool = False  # the store is a recording: keep it after the run

    def to_data(self):
        return asdict(self)


class Estate:
    def __init__(self, access, meter, credentials=None):
        self.access = access
        self.meter = meter
        self.connection = Connection(meter, access.endpoint_url, access.profile, access.max_attempts, access.max_pool)
        self.store = ResponseStore(access.store_dir, meter, replay=access.replay)
        self.base_credentials = self.connection.starting_credentials()
        self.credentials = dict(credentials or {})
        self._apis = {}
        self._lock = threading.Lock()

    def assumer(self, account_id):
        return RoleAssumer(
            self.connection,
            self.base_credentials,
            role_arn(self.access.partition, account_id, self.access.role_name),
            self.access.session_name,
            self.access.external_id,
            self.access.duration_seconds,
            self.access.home_region,
        )

    def api(self, account_id):
        """The account's API through its audit role (a few hundred bytes: the
        clients are the connection's, shared by every account)."""
        with self._lock:
            if account_id not in self._apis:
                self._apis[account_id] = AccountApi(
                    account_id, self.connection, self.store, lambda: self._credentials(account_id))
            return self._apis[account_id]

    def each(self, function, items):
        """``[function(item) for item in items]`` side by side on the process's
        pool (compliance.aws.fan_out): for reads across accounts."""
        return self.connection.fan_out.each(function, items)

    def _credentials(self, account_id):
        assumer = self.assumer(account_id)
        with self._lock:
            metadata = self.credentials.get(account_id)
        if metadata is None:
            metadata = assumer.fetch()
            with self._lock:
                self.credentials[account_id] = metadata
        return assumer.credentials(metadata)

    def starting_api(self, account_id):
        """The API of the starting identity's own account, without assuming a role."""
        return AccountApi(
            account_id,
            self.connection,
            self.store,
            lambda: self.base_credentials,
            identity=starting_identity(account_id),
        )
