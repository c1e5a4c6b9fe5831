"""Splitting a run across CI jobs by account, and merging the shards back
into one evidence report.

Accounts, sorted by ID, are dealt round-robin: shard K of N (1-based) checks
the accounts at positions K-1, K-1+N, ... . Shard 1 also runs the
organization-wide controls, which read every account. Each shard records
its run (``--record``); ``merge_recordings`` unites the recordings, and a
``--replay`` of the union writes the single report and manifest, with the
verdicts an unsharded run gives.
"""

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from compliance.errors import ConfigurationError

# CI systems that say which parallel job this is: (index variable, count variable, first index).
CI_VARIABLES = [("CI_NODE_INDEX", "CI_NODE_TOTAL", 1),  # GitLab parallel jobs
                ("JOB_COMPLETION_INDEX", "COMPLIANCE_SHARD_COUNT", 0)]  # Kubernetes indexed Job


@dataclass(frozen=True)
class Shard:
    index: int = 1
    count: int = 1

    @property
    def first(self):
        """The shard that also runs the organization-wide controls."""
        return self.index == 1

    def accounts(self, accounts):
        ordered = sorted(accounts, key=lambda a: a.id)
        return [a for position, a in enumerate(ordered) if position % self.count == self.index - 1]

    def label(self):
        return f"{self.index}/{self.count}"


WHOLE = Shard()


def parse(text, environ=os.environ):
    """``K/N`` (1-based), or ``auto`` to read the CI system's variables."""
    if text == "auto":
        for index_name, count_name, first in CI_VARIABLES:
            if index_name in environ:
                if count_name not in environ:
                    raise ConfigurationError(f"--shard=auto: {index_name} is set but {count_name} is not")
                text = f"{int(environ[index_name]) - first + 1}/{environ[count_name]}"
                break
        else:
            raise ConfigurationError("--shard=auto: none of CI_NODE_INDEX (GitLab) or JOB_COMPLETION_INDEX "
                                     "(Kubernetes) is set; give --shard=K/N")
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise ConfigurationError(f"--shard={text}: give K/N, for example 2/4 (the second of four jobs)") from None
    if not 1 <= index <= count:
        raise ConfigurationError(f"--shard={text}: K must be between 1 and N")
    return Shard(index, count)


def merge_recordings(output, recordings):
    """Unite shard recordings into ``output``, ready for ``--replay``.

    Refuses recordings of different runs (baseline, shard count) and an
    incomplete or repeated set of shards. Where two shards asked the same
    question, the first shard's answer is kept.
    """
    runs = []
    for recording in recordings:
        try:
            runs.append((Path(recording), json.loads((Path(recording) / "run.json").read_text())))
        except (OSError, ValueError) as error:
            raise ConfigurationError(f"{recording}: not a recording of this suite ({error})") from None
    runs.sort(key=lambda pair: pair[1]["scope"]["shard"][0])
    shards = [tuple(data["scope"]["shard"]) for _, data in runs]
    count = shards[0][1]
    if sorted(shards) != [(i, count) for i in range(1, count + 1)]:
        raise ConfigurationError(f"the recordings are shards {', '.join(f'{i}/{n}' for i, n in shards)}: "
                                 f"give each of the {count} shards exactly once")
    baselines = {data["metadata"]["baseline_sha256"] for _, data in runs}
    if len(baselines) > 1:
        raise ConfigurationError("the recordings were made with different baselines; merge shards of one run only")
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise ConfigurationError(f"{output}: the directory is not empty; give a new one")
    output.mkdir(parents=True, exist_ok=True)
    for recording, _ in runs:
        for answer in recording.glob("*.json"):
            if answer.name != "run.json" and not (output / answer.name).exists():
                shutil.copyfile(answer, output / answer.name)
    base = runs[0][1]
    accounts = {a["id"]: a for _, data in runs for a in data["scope"]["accounts"]}
    base["scope"]["shard"] = [1, 1]
    base["scope"]["shard_accounts"] = sorted(accounts)
    base["metadata"]["merged_shards"] = [
        {"shard": f"{i}/{n}", "recording": str(path), "started": data["metadata"]["started"],
         "command_line": data["metadata"]["command_line"]}
        for (path, data), (i, n) in zip(runs, shards)
    ]
    (output / "run.json").write_text(json.dumps(base, indent=1, sort_keys=True))
    return output
