"""Headless Chromium (Debian's ``chromium`` package), as the benchmarks and
the report's screenshot use it."""

import shutil
import subprocess

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium():
    """The browser's path, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run(profile, *args, timeout=1800):
    """Run headless Chromium with its own profile directory ``profile``."""
    browser = chromium()
    if browser is None:
        raise SystemExit("headless Chromium is needed: apt-get install chromium (Debian's package)")
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=timeout, check=True)
