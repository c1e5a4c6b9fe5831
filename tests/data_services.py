"""What the data services' tests (tests/test_data_*.py) share: one run in
which prod complies and dev holds every kind of violation."""

from tests.conftest import DEV, PROD, REGION


def findings(result):
    """A result's findings as sorted (resource, problem) pairs."""
    return sorted((f["resource"], f["problem"]) for f in result["findings"])


def dev_failures(suite, controls):
    """dev's results ({control ID: result}) in REGION, once every one of
    ``controls`` (a count) passed in prod and failed in dev."""
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert len(prod) == controls and {r["outcome"] for r in prod.values()} == {"passed"}, suite.output
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {c: r["outcome"] for c, r in dev.items()} == dict.fromkeys(prod, "failed"), suite.output
    return dev
