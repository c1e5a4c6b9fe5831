"""Where the controller's memory goes: a pytest plugin that logs its
resident memory (now and peak) at each phase of a run, for a benchmark to
load into the suite it measures.

    PYTEST_ADDOPTS="-p bench.controller_memory" CONTROLLER_MEMORY_LOG=/tmp/phases.txt \\
        .venv/bin/python -m bench.throughput --profile realistic --accounts 10 --regions 4 --answers cold --latency-ms 0

Phases: every 2,000 results logged, the end of the tests, pytest-html's
rendering of report.html (and the size of the page it renders as one
string), the session's end. Each run appends its lines to the log.
Observes only; asserts nothing.
"""

import os
import time

import pytest

EVERY = 2000


class ControllerMemory:
    def __init__(self, path):
        self.path = path
        self.results = 0

    def log(self, what):
        memory = {}
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(("VmRSS", "VmHWM")):
                    name, value = line.split(":")
                    memory[name] = int(value.split()[0]) // 1024
        with open(self.path, "a") as log:
            print(f"{time.strftime('%H:%M:%S')} {what}: resident {memory['VmRSS']} MB, peak {memory['VmHWM']} MB",
                  file=log)

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            self.results += 1
            if self.results % EVERY == 0:
                self.log(f"{self.results} results logged")

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_sessionfinish(self):
        """Before every other plugin's session end, and after (every report written)."""
        self.log(f"tests done ({self.results} results)")
        yield
        self.log("session finished: every report written")


def pytest_configure(config):
    path = os.environ.get("CONTROLLER_MEMORY_LOG")
    if path is None or hasattr(config, "workerinput"):
        return
    probe = ControllerMemory(path)
    config.pluginmanager.register(probe, "controller-memory")
    probe.log("configured")
    from pytest_html.basereport import BaseReport  # observed, not changed: two methods are wrapped

    generate, write = BaseReport._generate_report, BaseReport._write_report

    def generating(report, *args, **kwargs):
        probe.log("pytest-html renders report.html (JUnit's junit.xml is written)")
        return generate(report, *args, **kwargs)

    def writing(report, page):
        probe.log(f"pytest-html rendered a page of {len(page) / 2**20:.0f} MB")
        return write(report, page)

    BaseReport._generate_report, BaseReport._write_report = generating, writing
