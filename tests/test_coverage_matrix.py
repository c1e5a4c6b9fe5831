"""docs/coverage.md is exactly what the catalog says, and says it per item."""

from compliance import catalog, coverage
from compliance.run import CONTROLS_DIR
from tests.conftest import ROOT

MATRIX = ROOT / "docs" / "coverage.md"


def generated():
    return coverage.matrix(catalog.load(CONTROLS_DIR), catalog.load_manual(CONTROLS_DIR))


def test_the_checked_in_matrix_is_the_catalogs():
    assert MATRIX.read_text() == generated(), (
        "docs/coverage.md is out of date: run python -m compliance coverage-matrix --output docs/coverage.md")


def test_every_framework_item_has_one_row_saying_how_it_is_covered():
    text = generated()
    for framework in catalog.FRAMEWORKS:
        for item in catalog.framework_items(framework):
            assert f"\n| {item} | " in text
    assert "| 3.6 | Ensure rotation for customer-created symmetric CMKs is enabled | covered | `kms-key-rotation` |" \
        in text
    assert "| 1.1 | Maintain current contact details | manual | Whether contact details are current" in text
