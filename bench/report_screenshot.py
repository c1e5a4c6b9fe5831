"""A screenshot of the HTML report's overview and the report printed to PDF,
as a reader sees them, from headless Chromium:

    .venv/bin/python -m bench.report_screenshot reports/report.html [--output DIR]

Writes DIR/overview.png (the first 1400 x 900 pixels of the page, what opens
on a laptop screen) and DIR/report.pdf (the browser's print to PDF, A4, as
an auditor files it); DIR defaults to the report's directory's name with
``-screenshots`` (reports-screenshots/), outside the manifest of the run. Check the PDF's
pages with ``pdftoppm -png -r 60 report.pdf page`` (poppler-utils).
"""

import argparse
import tempfile
from pathlib import Path

from bench import browser

WINDOW = "1400,900"


def capture(report, output):
    output.mkdir(parents=True, exist_ok=True)
    screenshot, pdf = output / "overview.png", output / "report.pdf"
    with tempfile.TemporaryDirectory(prefix="report-screenshot-") as profile:
        browser.run(profile, f"--window-size={WINDOW}", "--hide-scrollbars", f"--screenshot={screenshot}",
                    report.resolve().as_uri())
        browser.run(profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.resolve().as_uri())
    return screenshot, pdf


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="a report.html the suite wrote")
    parser.add_argument("--output", type=Path,
                        help="directory for overview.png and report.pdf (default: reports-screenshots beside reports)")
    args = parser.parse_args()
    if not args.report.is_file():
        parser.error(f"{args.report}: no such file; give the report.html of a run (reports/report.html)")
    directory = args.report.resolve().parent
    for path in capture(args.report, args.output or directory.with_name(f"{directory.name}-screenshots")):
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
