"""What the application services' tests (tests/test_apps_*.py) share: a run
in which prod complies and dev holds the violations."""

from tests.conftest import DEV, PROD, REGION


def dev_after_prod_passed(suite, controls):
    """Assert that each of ``controls`` passed in prod (REGION); return dev's results there, by control."""
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(controls, "passed"), suite.output
    return suite.by_control(f"dev-{DEV}-{REGION}")


def findings(results):
    """``{control: [(resource, problem), ...]}`` of ``results`` (by control)."""
    return {c: [(f["resource"], f["problem"]) for f in r["findings"]] for c, r in results.items()}
