"""The HTML report as a reader sees it, in headless Chromium (Debian's
chromium package; ``./run tests`` installs it from tests/system-packages.txt):
the overview on the first screen, and a print to PDF that loses no folded
section."""

import struct
import subprocess

from bench import report_screenshot
from compliance.demo.organization import create_key
from tests.conftest import DEV, write_baseline


def png_size(path):
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_the_overview_opens_first_and_printing_unfolds_everything(seeder, audit_roles, tmp_path, run_suite):
    create_key(seeder, DEV, "eu-west-1", "rotated", rotation_days=365)
    create_key(seeder, DEV, "us-east-1", "unrotated")
    suite = run_suite("controls/kms", baseline=write_baseline(tmp_path / "b.yaml"))

    screenshot, pdf = report_screenshot.capture(suite.reports / "report.html", tmp_path / "shots")

    assert png_size(screenshot) == (1400, 900)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.index("Frameworks: items") < text.index("Failing results: accounts x control domains") < text.index(
        "Run record")
    assert f"arn:aws:kms:eu-west-1:{DEV}:alias/rotated" in text  # a passed result's evidence, folded on screen
    assert "kms-key-rotation: Customer-managed KMS keys" in text and "How to fix." in text  # the folded Controls
    assert "Environment: Python, platform and packages" in text and "pytest-html" in text
    assert "No log output captured" not in text
