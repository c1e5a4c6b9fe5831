"""The HTML report as a reader sees it, in headless Chromium (Debian's
chromium package; ``./run tests`` installs it from tests/system-packages.txt):
the overview on the first screen, a print to PDF that loses no folded
section, and a failed result's link to its evidence."""

import html
import json
import re
import struct
import subprocess

from bench import browser, report_screenshot
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


# Clicks the first link from pytest-html's table to a result's evidence, then
# (once the page has handled the hash change) replaces the page with what it found.
FOLLOW_EVIDENCE_LINK = """<script>
(() => {
  const link = document.querySelector('#results-table a[href^="#evidence-"]');
  link.click();
  setTimeout(() => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const found = {tag: target?.tagName, open: target?.open, text: target?.textContent};
    document.body.innerHTML = '<pre id="followed"></pre>';
    document.getElementById('followed').textContent = JSON.stringify(found);
  }, 100);
})();
</script>"""


def test_a_failed_rows_link_opens_its_evidence(seeder, audit_roles, tmp_path, run_suite):
    unrotated = create_key(seeder, DEV, "us-east-1", "unrotated")
    suite = run_suite("controls/kms", baseline=write_baseline(tmp_path / "b.yaml"))
    head, body_end, tail = (suite.reports / "report.html").read_text().rpartition("</body>")
    page = tmp_path / "follow.html"
    page.write_text(head + FOLLOW_EVIDENCE_LINK + body_end + tail, encoding="utf-8")

    done = browser.run(tmp_path / "profile", "--virtual-time-budget=5000", "--dump-dom", page.as_uri())

    found = json.loads(html.unescape(re.search(r'<pre id="followed">(.*?)</pre>', done.stdout).group(1)))
    assert found["tag"] == "DETAILS" and found["open"] is True  # unfolded where the link leads
    assert f"{DEV}-us-east-1" in found["text"] and unrotated in found["text"]  # that result's API data
