"""Clients and credentials: the starting identity and one audit role per account.

The starting identity comes from the standard credential chain (environment,
``AWS_PROFILE``, SSO, instance or OIDC role). Every client, STS's included,
is made with the same profile, so that the SDKs' endpoint settings (see
``endpoints``) apply to every service alike. Each account is read through
``sts:AssumeRole`` into the baseline's audit role, with credentials that
refresh themselves before they expire, so runs may outlast a role session.

A process keeps one botocore client per service and region, shared by every
account: each request is signed with the credentials of the caller that makes
it (``Connection.signed_as``). With a botocore session and clients per
account, creating clients (13-17 ms of CPU each) took a quarter of a run's
CPU, and each kept a TLS connection pool of its own. The shared clients have
no credentials of their own: a request made outside ``signed_as`` fails with
NoCredentialsError rather than going out as somebody else.
"""

import contextlib
import contextvars
import datetime
import getpass
import os
import re
import threading

import botocore.loaders
import botocore.session
from botocore.config import Config
from botocore.credentials import CredentialResolver, RefreshableCredentials
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    InvalidConfigError,
    NoCredentialsError,
    ProfileNotFound,
    SSOError,
    TokenRetrievalError,
)

from compliance.aws import endpoints, guard, retries
from compliance.aws.fan_out import FanOut
from compliance.errors import AccountUnreachable, ConfigurationError

# Service models parsed once per process; a loader of its own, as a session's
# would read the profile (AWS_PROFILE) at import, before it can be checked.
_SHARED_LOADER = botocore.loaders.create_loader(os.environ.get("AWS_DATA_PATH"))
# The credentials that sign the requests of the current thread (or task).
_SIGNER = contextvars.ContextVar("compliance_signer", default=None)


def default_session_name(now=None):
    """``compliance-<user>-<UTC timestamp>``: names the run in CloudTrail."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    user = re.sub(r"[^\w+=,.@-]", "-", getpass.getuser())[:24]
    return f"compliance-{user}-{now:%Y%m%dT%H%M%SZ}"


def _sign_as_caller(request, **_):
    """botocore ``before-sign`` handler: sign with the ``signed_as`` credentials."""
    credentials = _SIGNER.get()
    if credentials is not None:
        request.context.setdefault("signing", {})["request_credentials"] = credentials


class Connection:
    """How to reach AWS: endpoint, retry policy, the request meter, and this
    process's shared clients.

    Retry state (attempts, backoff, adaptive rate limiting) is kept per
    identity, service and region (compliance.aws.retries): a throttled
    account slows its own requests, not the other accounts' that share the
    client.
    """

    def __init__(self, meter, endpoint_url=None, profile=None, max_attempts=None, max_pool=10):
        self.meter = meter
        self.endpoint_url = endpoint_url
        self.profile = profile
        self._core = self._clients_session()
        self.retries = retries.RetriesPerIdentity(*retries.settings(self._core, max_attempts), identity=_SIGNER.get)
        self.config = Config(
            retries=self.retries.client_config(),
            max_pool_connections=max_pool,
            user_agent_extra="aws-compliance-suite",
        )
        self._clients = {}
        self._lock = threading.Lock()
        self._request_slots = threading.BoundedSemaphore(max_pool)
        self.fan_out = FanOut(max_pool)

    def _clients_session(self):
        """The botocore session of the shared clients: no credentials of its
        own, the read-only guard, the meter and the signer installed."""
        core = _profile_session(self.profile)
        # botocore lists its ~440 service directories once per kind of model,
        # and keeps the list only when done: reading threads that made their
        # first clients together listed them up to seven times each.
        for kind in ("service-2", "endpoint-rule-set-1", "paginators-1"):
            _SHARED_LOADER.list_available_services(kind)
        core.register_component("data_loader", _SHARED_LOADER)
        core.register_component("credential_provider", CredentialResolver(providers=[]))
        core.register("before-sign", _sign_as_caller, unique_id="compliance-signer")
        guard.install(core)
        self.meter.install(core)
        endpoints.serve_s3control_from_custom_endpoints(core)
        return core

    def starting_credentials(self):
        """The starting identity's credentials from the standard chain, or None."""
        return _profile_session(self.profile).get_credentials()

    @property
    def profile_name(self):
        """The profile in use: ``--aws-profile``, else ``AWS_PROFILE``, else ``default``."""
        return self._core.profile or "default"

    def endpoints(self, services):
        """The endpoints of ``services`` for the run's record (``endpoints.summary``)."""
        return endpoints.summary(self._core, services, self.endpoint_url)

    def unreachable(self, service, error):
        """The message for ``error``: ``service``'s endpoint cannot be reached."""
        return endpoints.unreachable(self._core, service, error, self.endpoint_url)

    def client(self, service, region):
        """This process's client for ``service`` in ``region``; call it inside ``signed_as``."""
        with self._lock:
            if (service, region) not in self._clients:
                client = self._core.create_client(service, region_name=region, endpoint_url=self.endpoint_url,
                                                  config=self.config)
                self.retries.attach(client, region)
                self._clients[service, region] = client
            return self._clients[service, region]

    @contextlib.contextmanager
    def request_slot(self):
        """Hold one of the process's --max-concurrency request slots (its
        readers and fan-out threads together never have more in flight)."""
        with self._request_slots:
            yield

    @staticmethod
    @contextlib.contextmanager
    def signed_as(credentials):
        """Sign the requests this thread makes inside the block with ``credentials``."""
        token = _SIGNER.set(credentials)
        try:
            yield
        finally:
            _SIGNER.reset(token)


def _profile_session(profile):
    """A botocore session of ``profile`` (None: ``AWS_PROFILE``, else the
    default profile), or a ConfigurationError when there is no such profile."""
    session = botocore.session.Session(profile=profile)
    try:
        session.get_scoped_config()
    except ProfileNotFound:
        known = ", ".join(sorted(session.available_profiles)) or "none"
        raise ConfigurationError(
            f"the AWS profile {session.profile!r} does not exist in "
            f"{session.get_config_variable('config_file')} or "
            f"{session.get_config_variable('credentials_file')} (profiles there: {known}). "
            "Name an existing profile with --aws-profile or AWS_PROFILE, or create it with "
            f"`aws configure --profile {session.profile}` (`aws configure sso` for SSO)."
        ) from None
    return session


def caller_identity(connection, credentials, region):
    """The starting identity, or a ConfigurationError saying how to provide one."""
    try:
        if credentials is None:
            raise NoCredentialsError()
        with connection.signed_as(credentials):
            return connection.client("sts", region).get_caller_identity()
    except NoCredentialsError:
        raise ConfigurationError(
            "no AWS credentials found for the starting identity. Set AWS_PROFILE "
            "(run `aws sso login --profile NAME` first for SSO), export "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an instance or "
            "OIDC role provides them. For the offline demo, use --demo."
        ) from None
    except (SSOError, TokenRetrievalError) as error:
        raise ConfigurationError(
            f"the SSO session of the starting identity (profile {connection.profile_name}) has expired or "
            f"was never started ({error}). Run `aws sso login --profile {connection.profile_name}`, then start again."
        ) from None
    except endpoints.UNREACHABLE as error:
        raise ConfigurationError(connection.unreachable("sts", error)) from None
    except InvalidConfigError as error:
        raise ConfigurationError(
            f"the AWS config file of profile {connection.profile_name} is invalid: {error}. Correct it."
        ) from None
    except (ClientError, BotoCoreError) as error:
        raise ConfigurationError(
            f"the starting AWS credentials do not work (sts:GetCallerIdentity failed: {error}). "
            "Refresh them (for SSO: `aws sso login`) or choose another AWS_PROFILE."
        ) from None


class RoleAssumer:
    """Assumes the audit role in one account; used for the first credentials
    and for every refresh."""

    def __init__(self, connection, base_credentials, role_arn, session_name, external_id, duration, region):
        self.connection = connection
        self.base_credentials = base_credentials
        self.role_arn = role_arn
        self.session_name = session_name
        self.external_id = external_id
        self.duration = duration
        self.region = region

    def fetch(self):
        """Return credentials metadata, or raise AccountUnreachable with the reason."""
        params = {
            "RoleArn": self.role_arn,
            "RoleSessionName": self.session_name,
            "DurationSeconds": self.duration,
        }
        if self.external_id:
            params["ExternalId"] = self.external_id
        try:
            with self.connection.signed_as(self.base_credentials):
                creds = self.connection.client("sts", self.region).assume_role(**params)["Credentials"]
        except endpoints.UNREACHABLE as error:
            reason = self.connection.unreachable("sts", error)
            raise AccountUnreachable(f"cannot assume {self.role_arn}: {reason}") from None
        except (ClientError, BotoCoreError) as error:
            code = error.response["Error"]["Code"] if isinstance(error, ClientError) else type(error).__name__
            raise AccountUnreachable(
                f"cannot assume {self.role_arn} ({code}): {error}. Check that the role exists "
                "in the account, trusts the starting identity, and that the external ID matches."
            ) from None
        return {
            "access_key": creds["AccessKeyId"],
            "secret_key": creds["SecretAccessKey"],
            "token": creds["SessionToken"],
            "expiry_time": creds["Expiration"].isoformat(),
        }

    def credentials(self, metadata=None):
        """Refreshable credentials, starting from ``metadata`` when the
        controller already assumed the role (so workers do not assume it again)."""
        return RefreshableCredentials.create_from_metadata(
            metadata=metadata or self.fetch(),
            refresh_using=self.fetch,
            method="sts-assume-role",
        )


def role_arn(partition, account_id, role_name):
    return f"arn:{partition}:iam::{account_id}:role/{role_name}"


def partition_of(arn):
    return arn.split(":")[1]
