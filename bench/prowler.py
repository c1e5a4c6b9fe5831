"""Prowler over the same estate, for comparison: installed from PyPI into its
own virtualenv (.bench/, once), run once per account with the audit role,
as Prowler's documentation prescribes for an organization, limited to the
checks that Prowler's own CIS v5.0.0 mapping gives for the CIS items our run
evaluated, in the same regions.
"""

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench import suite

VERSION = "5.46.0"
VENV = suite.ROOT / ".bench" / f"prowler-{VERSION}"
CIS_V5 = "cis_5.0_aws.json"


def install():
    """The prowler executable, installing it first if needed."""
    executable = VENV / "bin" / "prowler"
    if not executable.exists():
        print(f"installing prowler=={VERSION} into {VENV} (once: a few minutes, about 2.3 GB)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", f"prowler=={VERSION}"], check=True)
    return executable


def checks_for(cis_items):
    """Prowler's checks for the given CIS v5.0.0 item numbers, by its own mapping."""
    package = subprocess.run(
        [str(VENV / "bin" / "python"), "-c", "import os, prowler; print(os.path.dirname(prowler.__file__))"],
        capture_output=True, text=True, check=True).stdout.strip()
    mapping = json.loads((Path(package) / "compliance" / "aws" / CIS_V5).read_text())
    checks = sorted({c for r in mapping["Requirements"] if r["Id"] in cis_items for c in r["Checks"]})
    unmapped = set(cis_items) - {r["Id"] for r in mapping["Requirements"]}
    if unmapped:
        sys.exit(f"Prowler's {CIS_V5} has no item {', '.join(sorted(unmapped))}")
    return checks


def run(executable, accounts, regions, checks, role_name, external_id, env, work, parallel):
    """Run Prowler once per account (``parallel`` at a time); return wall seconds."""
    def one(account_id):
        done = subprocess.run(
            [str(executable), "aws", "--no-banner", "--ignore-exit-code-3", "--role",
             f"arn:aws:iam::{account_id}:role/{role_name}", "--external-id", external_id,
             "--checks", *checks, "--region", *regions, "--output-formats", "csv",
             "--output-directory", str(work / account_id)],
            env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"prowler failed for account {account_id} (exit {done.returncode}):\n{done.stdout[-2000:]}\n"
                     f"{done.stderr[-2000:]}")

    began = time.monotonic()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, accounts))
    return time.monotonic() - began
