"""The project's own code passes its linter (unused names, import order,
syntax errors)."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run([ruff, "check", "--select", "F,E9,I", "--exclude", ".venv", "."], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
