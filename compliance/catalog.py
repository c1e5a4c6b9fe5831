"""The control catalog: what each control is, in words an auditor reads.

Each domain folder under ``controls/`` holds a ``catalog.yaml`` describing its
controls (title, severity, framework items, rationale, how it is checked, how
to fix, and the parameters a baseline may set with their defaults). Tests
link to their entry with ``@pytest.mark.control("<id>")``. The catalog is read
at start-up, before any test module is imported, so baselines can be
validated against it.
"""

import csv
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import jsonschema

from compliance.yaml_source import YamlSource

FRAMEWORK_DIR = Path(__file__).parent / "frameworks"
FRAMEWORKS = {
    "cis-v5.0.0": ("CIS AWS Foundations v5.0.0", "cis-aws-foundations-v5.0.0.csv", "item"),
    "cis-v7.0.0": ("CIS AWS Foundations v7.0.0", "cis-aws-foundations-v7.0.0.csv", "item"),
    "pci-dss-v4.0": ("PCI DSS v4.0", "pci-dss-v4.0-requirements-with-aws-relevance.csv", "requirement"),
    "aws-fsbp": ("AWS Foundational Security Best Practices", "aws-foundational-security-best-practices.csv",
                 "control_id"),
}
SEVERITIES = ["low", "medium", "high", "critical"]

_ENTRY_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "severity", "frameworks", "rationale", "check", "fix"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "severity": {"enum": SEVERITIES},
        "frameworks": {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: {"type": "array", "items": {"type": "string"}} for name in FRAMEWORKS},
        },
        "rationale": {"type": "string", "minLength": 1},
        "check": {"type": "string", "minLength": 1},
        "fix": {"type": "string", "minLength": 1},
        "parameters": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["default", "description", "schema"],
                "properties": {
                    "default": {},
                    "description": {"type": "string"},
                    "schema": {"type": "object"},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    severity: str
    frameworks: dict
    rationale: str
    check: str
    fix: str
    parameters: dict = field(default_factory=dict)
    source: str = ""

    def defaults(self):
        return {name: spec["default"] for name, spec in self.parameters.items()}

    def items(self):
        """``["cis-v5.0.0 3.6", ...]``: every framework item this control evidences."""
        return [f"{fw} {item}" for fw, items in sorted(self.frameworks.items()) for item in items]


def framework_items(framework):
    """The item numbers a framework defines, from the reference CSV."""
    _, filename, column = FRAMEWORKS[framework]
    with open(FRAMEWORK_DIR / filename, newline="", encoding="utf-8") as handle:
        return {row[column] for row in csv.DictReader(handle)}


def load(controls_dir):
    """Read and validate every ``catalog.yaml`` under ``controls_dir``."""
    catalog = {}
    known_items = {name: framework_items(name) for name in FRAMEWORKS}
    for path in sorted(Path(controls_dir).rglob("catalog.yaml")):
        source = YamlSource(path)
        if not isinstance(source.data, dict):
            raise source.error([], "a catalog is a mapping of control ID to its entry")
        for control_id, entry in source.data.items():
            _validate_entry(source, control_id, entry, known_items)
            if control_id in catalog:
                raise source.error([control_id], f"control ID already defined in {catalog[control_id].source}")
            catalog[control_id] = Control(id=control_id, source=os.path.relpath(path), **entry)
    return catalog


def to_data(catalog):
    """The catalog as plain data: a worker process reads it back with
    ``from_data`` instead of reading and validating every file again."""
    return {control_id: asdict(control) for control_id, control in catalog.items()}


def from_data(data):
    return {control_id: Control(**entry) for control_id, entry in data.items()}


def _validate_entry(source, control_id, entry, known_items):
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(_ENTRY_SCHEMA).iter_errors(entry))
    if error is not None:
        raise source.error([control_id, *error.absolute_path], error.message)
    for framework, items in entry["frameworks"].items():
        for index, item in enumerate(items):
            if item not in known_items[framework]:
                raise source.error(
                    [control_id, "frameworks", framework, index],
                    f"{item!r} is not an item of {FRAMEWORKS[framework][0]}",
                )
    for name, spec in entry.get("parameters", {}).items():
        problem = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(spec["schema"], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).iter_errors(spec["default"]))
        if problem is not None:
            raise source.error([control_id, "parameters", name, "default"], problem.message)


_RETIRED_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["what", "retired", "source"],
    "properties": {
        "what": {"type": "string", "minLength": 1},
        "retired": {"type": "string", "format": "date"},
        "source": {"type": "string", "pattern": "^https://"},
    },
}


def load_manual(controls_dir):
    """``{framework: {item: why it is manual}}`` from ``controls/manual.yaml``,
    checked against the framework item lists."""
    source = _framework_items_file(Path(controls_dir) / "manual.yaml", {"type": "string", "minLength": 1})
    return (source.data or {}) if source else {}


def load_retired(controls_dir):
    """``{framework: {item: what AWS retired, when, and where it says so}}``
    from ``controls/retired.yaml``: items whose service or feature no longer
    exists, so that no control can evidence them."""
    source = _framework_items_file(Path(controls_dir) / "retired.yaml", _RETIRED_SCHEMA)
    if source is None:
        return {}
    return {framework: {item: f"{entry['what']}; retired by AWS on {entry['retired']} ({entry['source']})"
                        for item, entry in items.items()}
            for framework, items in (source.data or {}).items()}


def _framework_items_file(path, entry_schema):
    """A ``{framework: {item: entry}}`` file checked against the framework
    item lists and ``entry_schema``; None when the file does not exist."""
    if not path.exists():
        return None
    source = YamlSource(path)
    validator = jsonschema.Draft202012Validator(entry_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for framework, items in (source.data or {}).items():
        if framework not in FRAMEWORKS:
            raise source.error([framework], f"unknown framework; use one of {', '.join(FRAMEWORKS)}")
        known = framework_items(framework)
        for item, entry in items.items():
            if item not in known:
                raise source.error([framework, item], f"{item!r} is not an item of {FRAMEWORKS[framework][0]}")
            problem = jsonschema.exceptions.best_match(validator.iter_errors(entry))
            if problem is not None:
                raise source.error([framework, item, *problem.absolute_path], problem.message)
    return source
