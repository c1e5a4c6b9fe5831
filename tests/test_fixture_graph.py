"""No fixture of the suite asks for pytest's ``request`` (or ``pytestconfig``,
which does): pytest builds a fixture definition of its own, with an
``inspect.signature``, for every test whose fixtures ask for it. Controls learn
about their test from fixtures.aws.UNDER_TEST instead."""

import importlib
import inspect

import pytest

import conftest

PYTEST_REQUEST = {"request", "pytestconfig"}


def suite_fixtures():
    """(qualified name, fixture) of every fixture the suite's plugins define."""
    for module_name in conftest.pytest_plugins:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if type(value).__name__ == "FixtureFunctionDefinition":
                yield f"{module_name}.{name}", value


def test_the_suite_defines_fixtures_this_test_can_see():
    names = dict(suite_fixtures())
    assert {"fixtures.aws.evidence", "fixtures.aws.region_target", "fixtures.inventory.kms_keys"} <= names.keys()


@pytest.mark.parametrize("fixture", [pytest.param(f, id=name) for name, f in suite_fixtures()])
def test_no_fixture_asks_for_pytests_request(fixture):
    assert not PYTEST_REQUEST & inspect.signature(fixture).parameters.keys()
