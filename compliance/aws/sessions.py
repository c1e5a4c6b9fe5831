"""boto3 sessions: the starting identity and one audit-role session per account.

The starting identity comes from the standard credential chain (environment,
``AWS_PROFILE``, SSO, instance or OIDC role). Each account is read through
``sts:AssumeRole`` into the baseline's audit role, with credentials that
refresh themselves before they expire, so runs may outlast a role session.
"""

import datetime
import getpass
import re
import urllib.parse

import boto3
import botocore.session
from botocore.config import Config
from botocore.credentials import RefreshableCredentials
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from compliance.aws import guard
from compliance.errors import AccountUnreachable, ConfigurationError

_SHARED_LOADER = botocore.session.Session().get_component("data_loader")


def default_session_name(now=None):
    """``compliance-<user>-<UTC timestamp>``: names the run in CloudTrail."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    user = re.sub(r"[^\w+=,.@-]", "-", getpass.getuser())[:24]
    return f"compliance-{user}-{now:%Y%m%dT%H%M%SZ}"


class Connection:
    """How to reach AWS: endpoint, retry policy, and the request meter."""

    def __init__(self, meter, endpoint_url=None, max_attempts=5, max_pool=10):
        self.meter = meter
        self.endpoint_url = endpoint_url
        self.config = Config(
            retries={"mode": "adaptive", "total_max_attempts": max_attempts},
            max_pool_connections=max_pool,
            user_agent_extra="aws-compliance-suite",
        )

    def session(self, botocore_session=None, profile=None):
        """A boto3 session with the read-only guard and the meter installed.

        All sessions of a process share one botocore data loader, so the
        service models are parsed once rather than once per account.
        """
        core = botocore_session or botocore.session.Session(profile=profile)
        core.register_component("data_loader", _SHARED_LOADER)
        guard.install(core)
        self.meter.install(core)
        if self.endpoint_url:
            core.register("before-sign.s3-control", to_endpoint_host, unique_id="compliance-s3control-host")
        return boto3.Session(botocore_session=core)

    def client(self, session, service, region):
        return session.client(
            service, region_name=region, endpoint_url=self.endpoint_url, config=self.config
        )


def to_endpoint_host(request, **_):
    """On AWS, s3control prefixes the host with ``<account-id>.``; a custom
    endpoint (moto, LocalStack) is a single host and reads the account from the
    ``x-amz-account-id`` header instead."""
    parts = urllib.parse.urlsplit(request.url)
    prefix, _, host = parts.netloc.partition(".")
    if prefix.isdigit() and len(prefix) == 12:
        request.url = urllib.parse.urlunsplit(parts._replace(netloc=host))


def caller_identity(connection, session, region):
    """The starting identity, or a ConfigurationError saying how to provide one."""
    try:
        if session.get_credentials() is None:
            raise NoCredentialsError()
        return connection.client(session, "sts", region).get_caller_identity()
    except NoCredentialsError:
        raise ConfigurationError(
            "no AWS credentials found for the starting identity. Set AWS_PROFILE "
            "(run `aws sso login --profile NAME` first for SSO), export "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an instance or "
            "OIDC role provides them. For the offline demo, use --demo."
        ) from None
    except (ClientError, BotoCoreError) as error:
        raise ConfigurationError(
            f"the starting AWS credentials do not work (sts:GetCallerIdentity failed: {error}). "
            "Refresh them (for SSO: `aws sso login`) or choose another AWS_PROFILE."
        ) from None


class RoleAssumer:
    """Assumes the audit role in one account; used for the first credentials
    and for every refresh."""

    def __init__(self, connection, base_session, role_arn, session_name, external_id, duration, region):
        self.connection = connection
        self.base_session = base_session
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
            sts = self.connection.client(self.base_session, "sts", self.region)
            creds = sts.assume_role(**params)["Credentials"]
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

    def session(self, metadata=None):
        """A refreshable session, starting from ``metadata`` when the controller
        already assumed the role (so workers do not assume it again)."""
        credentials = RefreshableCredentials.create_from_metadata(
            metadata=metadata or self.fetch(),
            refresh_using=self.fetch,
            method="sts-assume-role",
        )
        core = botocore.session.Session()
        core._credentials = credentials  # botocore has no public setter for refreshable credentials
        return self.connection.session(core)


def role_arn(partition, account_id, role_name):
    return f"arn:{partition}:iam::{account_id}:role/{role_name}"


def partition_of(arn):
    return arn.split(":")[1]
