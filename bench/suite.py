"""Running the suite from a benchmark: in its own pytest process, with
offline credentials, failing the benchmark unless pytest finished (exit 0:
all passed, 1: some controls failed)."""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def env():
    """The environment for a suite or Prowler process: fake credentials, no AWS config files."""
    found = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    found.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_CONFIG_FILE=os.devnull,
                 AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")
    return found


@dataclass
class Usage:
    """What one run of the suite took, its worker processes included."""

    wall_seconds: float
    cpu_seconds: float
    peak_mb: float  # the largest process's peak resident memory


# Runs a command and writes its processes' CPU seconds and peak memory (kB).
# A small process of its own starts pytest: a child forked straight from a
# benchmark that holds a large moto estate would count the estate's pages in
# its peak memory.
_MEASURED = ("import json, resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "open(sys.argv[1], 'w').write(json.dumps([u.ru_utime + u.ru_stime, u.ru_maxrss])); sys.exit(code)")


def run(*args, what="the suite", root=ROOT):
    """Run ``pytest *args`` from the repository (or another checkout of it,
    ``root``, with this one's virtualenv); return its Usage."""
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        figures = Path(scratch) / "usage.json"
        done = subprocess.run([sys.executable, "-c", _MEASURED, str(figures), sys.executable, "-m", "pytest",
                               f"--rootdir={root}", "-p", "no:cacheprovider", "-q", *args],
                              cwd=root, env=env(), capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"{what} did not complete (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        cpu_seconds, peak_kb = json.loads(figures.read_text())
    return Usage(time.monotonic() - began, cpu_seconds, peak_kb / 1024)
