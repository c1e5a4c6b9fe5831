"""docs/coverage.md is exactly what the catalog says, and says it per item."""

import pytest

from compliance import catalog, coverage
from compliance.errors import ConfigurationError
from compliance.run import CONTROLS_DIR
from tests.conftest import ROOT

MATRIX = ROOT / "docs" / "coverage.md"


def generated():
    return coverage.matrix(catalog.load(CONTROLS_DIR), catalog.load_manual(CONTROLS_DIR),
                           catalog.load_retired(CONTROLS_DIR))


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


def test_fsbp_items_are_covered_manual_retired_or_not_covered():
    text = generated()
    assert "| S3.5 | S3 buckets should require requests to use Secure Socket Layer | covered | `s3-tls-only` |" in text
    assert "| WAF.1 | AWS WAF Classic Global Web ACL logging should be enabled | retired | AWS WAF Classic" in text
    assert "retired by AWS on 2025-09-30 (https://docs.aws.amazon.com/" in text


ENTRY = """kms-key-rotation:
  title: t
  severity: low
  frameworks:
    aws-fsbp: ["KMS.4", "{item}"]
  rationale: r
  check: c
  fix: f
"""


def test_an_unknown_fsbp_id_names_the_file_and_entry(tmp_path):
    (tmp_path / "catalog.yaml").write_text(ENTRY.format(item="KMS.99"))
    with pytest.raises(ConfigurationError, match=r"catalog.yaml:5: kms-key-rotation.frameworks.aws-fsbp.1: "
                                                 r"'KMS.99' is not an item of AWS Foundational Security Best Practices"):
        catalog.load(tmp_path)


@pytest.mark.parametrize("entry, problem", [
    ("{WAF.99: {what: x, retired: '2025-09-30', source: 'https://docs.aws.amazon.com/'}}",
     r"retired.yaml:1: aws-fsbp.WAF.99: 'WAF.99' is not an item of AWS Foundational"),
    ("{WAF.1: {what: x, retired: 'soon', source: 'https://docs.aws.amazon.com/'}}",
     r"retired.yaml:1: aws-fsbp.WAF.1.retired: 'soon' is not a 'date'"),
    ("{WAF.1: {what: x, retired: '2025-09-30'}}", r"retired.yaml:1: aws-fsbp.WAF.1: 'source' is a required property"),
])
def test_a_retired_item_needs_a_known_id_a_date_and_a_source(tmp_path, entry, problem):
    (tmp_path / "retired.yaml").write_text(f"aws-fsbp: {entry}\n")
    with pytest.raises(ConfigurationError, match=problem):
        catalog.load_retired(tmp_path)
