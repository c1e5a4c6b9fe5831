"""One compliance run: its inputs, its scope and its access to AWS.

``prepare`` runs once on the controller: it validates the baseline, checks
the starting credentials, resolves the scope and assumes every audit role.
``to_worker`` / ``from_worker`` hand the result to xdist workers as plain
data, so that every process collects exactly the same tests.
"""

import datetime
import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from compliance import __version__
from compliance import baseline as baselines
from compliance import catalog as catalogs
from compliance import scope as scopes
from compliance.aws.metering import Meter
from compliance.aws.permissions import operations_read
from compliance.aws.sessions import caller_identity, default_session_name, partition_of
from compliance.baseline import ENABLED_REGIONS
from compliance.errors import ConfigurationError
from compliance.estate import Access, Estate
from compliance.shards import WHOLE
from compliance.targets import ACCOUNT_ID, Scope, unknown_region
from compliance.waivers import load as waiver_list

ROOT = Path(__file__).resolve().parent.parent
CONTROLS_DIR = ROOT / "controls"


@dataclass
class Options:
    """What the command line says; ``None`` means "as the baseline says"."""

    baseline: str
    accounts: list = None
    discover: bool = False
    regions: object = None
    home_region: str = None
    audit_role: str = None
    external_id: str = None
    session_name: str = None
    endpoint_url: str = None
    profile: str = None
    max_attempts: int = None  # None: the SDK configuration's, else 5 (compliance.aws.retries)
    max_concurrency: int = 10
    record: str = None
    replay: str = None
    shard: object = WHOLE


RECORDING_RUN = "run.json"
@dataclass
class Run:
    baseline: object
    catalog: dict
    scope: Scope
    estate: Estate
    started: datetime.datetime
    metadata: dict = field(default_factory=dict)
    api_summary: dict = None
    memory: dict = None  # peak resident MB: {"controller": n, "workers": [n, ...]}
    finished: datetime.datetime = None

    @functools.cached_property
    def manual_items(self):
        return catalogs.load_manual(CONTROLS_DIR)

    @functools.cached_property
    def retired_items(self):
        return catalogs.load_retired(CONTROLS_DIR)

    @functools.cached_property
    def waivers(self):
        return waiver_list(self.baseline.waivers)

    def to_worker(self):
        return {
            "baseline": self.baseline.__dict__,
            "catalog": catalogs.to_data(self.catalog),
            "scope": self.scope.to_data(),
            "access": self.estate.access.to_data(),
            "credentials": self.estate.credentials,
            "started": self.started.isoformat(),
            "metadata": self.metadata,
        }

    @classmethod
    def from_worker(cls, data):
        meter = Meter()
        estate = Estate(Access(**data["access"]), meter, data["credentials"])
        return cls(
            baseline=baselines.Baseline(**data["baseline"]),
            catalog=catalogs.from_data(data["catalog"]),
            scope=Scope.from_data(data["scope"]),
            estate=estate,
            started=datetime.datetime.fromisoformat(data["started"]),
            metadata=data["metadata"],
        )

    def close(self):
        access = self.estate.access
        if not (access.keep_store or access.replay):
            shutil.rmtree(access.store_dir, ignore_errors=True)

    def write_recording(self):
        """Save what a replay needs besides the answers: the run, minus credentials."""
        data = {**self.to_worker(), "credentials": {}, "catalog": {}}  # a replay reads the catalog it runs with
        with open(os.path.join(self.estate.access.store_dir, RECORDING_RUN), "w") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)


def replay(directory, command_line):
    """The run recorded in ``directory``, re-evaluated offline: same scope,
    same baseline, same day, answers only from the recording."""
    try:
        with open(os.path.join(directory, RECORDING_RUN)) as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise ConfigurationError(f"--replay {directory}: not a recording of this suite ({error})") from None
    data["access"] = {**data["access"], "store_dir": directory, "replay": True, "endpoint_url": "http://127.0.0.1:9",
                      "profile": None}
    data["catalog"] = catalogs.to_data(catalogs.load(CONTROLS_DIR))
    run = Run.from_worker(data)
    run.metadata = {**run.metadata, "replayed_from": directory, "replay_command_line": command_line}
    return run


def _store_dir(options):
    """A private temporary store, or the empty ``--record`` directory."""
    if not options.record:
        return tempfile.mkdtemp(prefix="compliance-api-")
    if os.path.isdir(options.record) and os.listdir(options.record):
        raise ConfigurationError(f"--record {options.record}: the directory is not empty; give a new one")
    os.makedirs(options.record, mode=0o700, exist_ok=True)
    return options.record


def parse_accounts(text):
    """``--accounts`` value: comma-separated 12-digit IDs."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    bad = [i for i in ids if not ACCOUNT_ID.match(i)]
    if bad or not ids:
        raise ConfigurationError(
            f"--accounts: {', '.join(bad) or '(empty)'} is not an AWS account ID; "
            "give comma-separated 12-digit IDs such as 111122223333,444455556666"
        )
    return ids


def parse_regions(text):
    """``--regions`` value: comma-separated region names, or ``enabled``."""
    if text.strip() == ENABLED_REGIONS:
        return ENABLED_REGIONS
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise ConfigurationError(f"--regions: give names such as eu-west-1,us-east-1, or {ENABLED_REGIONS!r}")
    for name in names:
        if unknown_region(name):
            raise ConfigurationError(f"--regions: {unknown_region(name)}")
    return names


def _apply_overrides(baseline, options):
    changes = {}
    if options.accounts:
        known = {a["id"]: a for a in baseline.accounts}
        changes.update(accounts=[known.get(i, {"id": i}) for i in options.accounts], discover=False)
    if options.discover:
        changes["discover"] = True
    if options.regions:
        changes["regions"] = options.regions
    if options.home_region:
        changes["home_region"] = options.home_region
    role = dict(baseline.audit_role)
    for key, value in (("name", options.audit_role), ("external_id", options.external_id),
                       ("session_name", options.session_name)):
        if value:
            role[key] = value
    changes["audit_role"] = role
    return replace(baseline, **changes)


def _commit():
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def prepare(options, command_line):
    """Validate inputs, check credentials, resolve the scope: the controller's
    start-up. Raises ConfigurationError for anything a person must fix."""
    if options.replay:
        return replay(options.replay, command_line)
    started = datetime.datetime.now(datetime.timezone.utc)
    catalog = catalogs.load(CONTROLS_DIR)
    baseline = _apply_overrides(baselines.load(options.baseline, catalog), options)
    meter = Meter()
    store_dir = _store_dir(options)
    provisional = Access(
        store_dir=store_dir,
        role_name=baseline.audit_role["name"],
        session_name=baseline.audit_role.get("session_name") or default_session_name(started),
        home_region=baseline.home_region,
        external_id=baseline.audit_role.get("external_id"),
        duration_seconds=baseline.audit_role.get("session_duration_seconds", 3600),
        endpoint_url=options.endpoint_url,
        profile=options.profile,
        max_attempts=options.max_attempts,
        max_pool=options.max_concurrency,
        keep_store=bool(options.record),
    )
    try:
        estate = Estate(provisional, meter)
        identity = caller_identity(estate.connection, estate.base_credentials, baseline.home_region)
        estate.access = replace(provisional, partition=partition_of(identity["Arn"]))
        scope, _ = scopes.resolve(baseline, estate, identity["Account"], options.shard)
    except Exception:
        if not options.record:
            shutil.rmtree(store_dir, ignore_errors=True)
        raise
    with open(baseline.path, "rb") as handle:
        baseline_sha256 = hashlib.sha256(handle.read()).hexdigest()
    endpoints = estate.connection.endpoints({"sts"} | {service for service, _ in operations_read()})
    metadata = {
        "suite_version": __version__,
        "commit": _commit(),
        "started": started.isoformat(timespec="seconds"),
        "command_line": command_line,
        "baseline": os.path.relpath(baseline.path),
        "baseline_sha256": baseline_sha256,
        "caller_identity": identity["Arn"],
        "audit_role": f"arn:{estate.access.partition}:iam::<account>:role/{estate.access.role_name}",
        "role_session_name": estate.access.session_name,
        **endpoints,
        "accounts": [f"{a.label} ({a.role})" for a in scope.accounts],
        "regions": {a.id: scope.regions[a.id] for a in scope.accounts},
        "unreachable_accounts": scope.unreachable,
        "shard": options.shard.label(),
    }
    run = Run(baseline, catalog, scope, estate, started, metadata)
    if options.record:
        run.metadata["recording"] = options.record
        run.write_recording()
    return run
