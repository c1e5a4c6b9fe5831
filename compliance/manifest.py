"""Integrity of a report directory: a manifest with the SHA-256 of every
file in it, and its verification.

A changed, missing or added report file no longer matches the manifest.
Keep the manifest's own SHA-256 (printed at the end of every run, so it
lands in the CI log) to detect a manifest rewritten along with the files.
"""

import datetime
import hashlib
import json
from pathlib import Path

MANIFEST = "manifest.json"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(directory, names, run_metadata):
    """Write the manifest of ``names`` in ``directory``; return its SHA-256."""
    directory = Path(directory)
    manifest = {
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "run": {key: run_metadata.get(key) for key in ("started", "commit", "suite_version", "baseline_sha256")},
        "files": {name: sha256(directory / name) for name in sorted(names) if (directory / name).is_file()},
    }
    path = directory / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return sha256(path)


def verify(directory):
    """Problems found (empty when every file matches the manifest)."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        return [f"{directory / MANIFEST}: cannot read the manifest ({error})"]
    problems = []
    for name, expected in sorted(manifest["files"].items()):
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256(path) != expected:
            problems.append(f"{name}: changed since the run (SHA-256 {sha256(path)}, manifest says {expected})")
    listed = set(manifest["files"]) | {MANIFEST}
    problems += [f"{p.name}: not in the manifest" for p in sorted(directory.iterdir())
                 if p.is_file() and p.name not in listed]
    return problems
