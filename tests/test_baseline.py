"""Baselines are validated at start-up with messages naming file, line and key."""

import pytest

from compliance import baseline, catalog
from compliance.errors import ConfigurationError
from tests.conftest import ROOT

CATALOG = catalog.load(ROOT / "controls")

VALID = """\
version: 1
audit_role:
  name: ComplianceAudit
accounts:
  list:
    - {id: "111122223333", name: prod}
regions: [eu-west-1]
"""


def load(tmp_path, text):
    path = tmp_path / "baseline.yaml"
    path.write_text(text)
    return baseline.load(path, CATALOG)


@pytest.mark.parametrize("name", ["demo.yaml", "example-org.yaml"])
def test_shipped_baselines_are_valid(name):
    assert baseline.load(ROOT / "baselines" / name, CATALOG).audit_role["name"] == "ComplianceAudit"


def test_defaults_come_from_the_catalog(tmp_path):
    loaded = load(tmp_path, VALID)
    assert loaded.home_region == "us-east-1"
    assert loaded.parameters(CATALOG["kms-key-rotation"]) == {"rotation_period_days": 365, "manual_rotation": {}}


def test_baseline_overrides_a_default(tmp_path):
    loaded = load(tmp_path, VALID + "controls:\n  kms-key-rotation:\n    rotation_period_days: 180\n")
    assert loaded.parameters(CATALOG["kms-key-rotation"])["rotation_period_days"] == 180


THIRD_PARTY = """trusted_third_parties:
  - account: "{account}"
    name: Vendor
    owner: sec@example.com
    ticket: SEC-1
{extra}"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (VALID.replace('"111122223333"', '"11112222333"'),
         r"baseline.yaml:6: accounts.list.0.id: '11112222333' does not match .*12 digits"),
        (VALID.replace('"111122223333"', "111122223333"),
         r"baseline.yaml:6: accounts.list.0.id: 111122223333 is not of type 'string'"),
        (VALID.replace("[eu-west-1]", "[eu-westt-1]"),
         r"baseline.yaml:7: regions.0: 'eu-westt-1' is not an AWS region known to botocore .*; did you mean eu-west-1\?"),
        (VALID.replace("[eu-west-1]", "everywhere"), r"baseline.yaml:7: regions: .*list of region names or the word 'enabled'"),
        (VALID + "colour: blue\n", r"baseline.yaml:1: \(top level\): Additional properties .*'colour'.*remove or correct"),
        (VALID.replace("version: 1", "version: 2"), r"baseline.yaml:1: version: 1 was expected"),
        (VALID + "controls:\n  kms-rotation: {}\n",
         r"baseline.yaml:9: controls: unknown control kms-rotation; known controls: .*kms-key-rotation"),
        (VALID + "controls:\n  kms-key-rotation:\n    rotation_period_days: 30\n",
         r"baseline.yaml:10: controls.kms-key-rotation.rotation_period_days: 30 is less than the minimum of 90"),
        (VALID + "controls:\n  kms-key-rotation:\n    manual_rotation:\n      'arn:aws:kms:eu-west-1:111122223333:key/k': 2026-13-01\n",
         r"baseline.yaml:11: controls.kms-key-rotation.manual_rotation.arn:aws:kms:eu-west-1:111122223333:key/k: '2026-13-01' is not a 'date'"),
        (VALID.replace("    - {id", "    - {id: \"111122223333\"}\n    - {id"),
         r"baseline.yaml:7: accounts.list.1.id: account 111122223333 is listed twice"),
        (VALID.replace('  list:\n    - {id: "111122223333", name: prod}\n', "  exclude: []\n"),
         r"accounts: list the accounts in scope, or set `discover: organization`"),
        ("version: 1\naudit_role: [\n", r"baseline.yaml:3: not valid YAML"),
        (VALID.replace("  name: ComplianceAudit\n", "  external_id: abc\n"),
         r"baseline.yaml:3: audit_role: 'name' is a required property; add the missing key"),
        (VALID + "organization_id: 123\n",
         r"baseline.yaml:8: organization_id: 123 is not of type 'string'"),
        (VALID + "organization_id: org-1\n",
         r"baseline.yaml:8: organization_id: 'org-1' is not an organization ID; .* such as o-a1b2c3d4e5"),
        (VALID + THIRD_PARTY.format(account="999988887777", extra=THIRD_PARTY.split("\n", 1)[1].format(
            account="999988887777", extra="")),
         r"baseline.yaml:13: trusted_third_parties.1.account: third party account 999988887777 is listed twice"),
        (VALID + THIRD_PARTY.format(account="111122223333", extra=""),
         r"baseline.yaml:9: trusted_third_parties.0.account: account 111122223333 is one of the accounts under "
         r"accounts.list, which are inside already"),
        (VALID + THIRD_PARTY.format(account="999988887777", extra="").replace("    ticket: SEC-1\n", ""),
         r"baseline.yaml:9: trusted_third_parties.0: 'ticket' is a required property; add the missing key"),
    ],
    ids=["short-account-id", "unquoted-account-id", "unknown-region", "regions-not-a-list", "unknown-key", "bad-version", "unknown-control",
         "parameter-below-minimum", "bad-date", "duplicate-account", "no-accounts", "malformed-yaml", "missing-role",
         "organization-id-not-text", "organization-id-malformed", "third-party-twice", "third-party-inside",
         "third-party-without-ticket"],
)
def test_bad_baselines_are_refused_with_file_line_and_key(tmp_path, text, expected):
    with pytest.raises(ConfigurationError, match=expected):
        load(tmp_path, text)


def test_trusted_third_parties_are_loaded(tmp_path):
    loaded = load(tmp_path, VALID + "organization_id: o-a1b2c3d4e5\n" + THIRD_PARTY.format(account="999988887777", extra=""))
    assert loaded.organization_id == "o-a1b2c3d4e5"
    assert [p["account"] for p in loaded.trusted_third_parties] == ["999988887777"]


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigurationError, match=r"nowhere.yaml: cannot read the file \(No such file or directory\)"):
        baseline.load(tmp_path / "nowhere.yaml", CATALOG)
