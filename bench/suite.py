"""Running the suite from a benchmark: in its own pytest process, with
offline credentials, failing the benchmark unless pytest finished (exit 0:
all passed, 1: some controls failed)."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env():
    """The environment for a suite or Prowler process: fake credentials, no AWS config files."""
    found = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    found.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_CONFIG_FILE=os.devnull,
                 AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")
    return found


def run(*args, what="the suite"):
    """Run ``pytest *args`` from the repository; return its wall seconds."""
    began = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "-p", "no:cacheprovider", "-q", *args],
                          cwd=ROOT, env=env(), capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{what} did not complete (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return time.monotonic() - began
