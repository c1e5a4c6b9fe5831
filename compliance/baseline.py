"""Baselines: what one organization expects, validated before anything runs.

A baseline names the accounts and regions in scope, the audit role, and the
parameters of each control. See ``baselines/example-org.yaml`` for every key.
"""

import re
from dataclasses import dataclass, field

import jsonschema

from compliance.targets import ACCOUNT_ID, unknown_region
from compliance.yaml_source import YamlSource

ACCOUNT_ROLES = ["management", "log-archive", "security", "identity", "workload", "shared-services", "sandbox"]
ENABLED_REGIONS = "enabled"
ORGANIZATION_ID = re.compile(r"^o-[a-z0-9]{10,32}$")


def _schema(catalog):
    account_id = {"type": "string", "pattern": ACCOUNT_ID.pattern}
    region = {"type": "string"}  # checked against botocore's region list after the schema
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "audit_role", "accounts", "regions"],
        "properties": {
            "version": {"const": 1},
            "organization": {"type": "string"},
            "organization_id": {"type": "string", "pattern": ORGANIZATION_ID.pattern},
            "trusted_third_parties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["account", "name", "owner", "ticket"],
                    "properties": {
                        "account": account_id,
                        "name": {"type": "string", "minLength": 1},
                        "owner": {"type": "string", "minLength": 1},
                        "ticket": {"type": "string", "minLength": 1},
                        "reason": {"type": "string"},
                    },
                },
            },
            "home_region": region,
            "audit_role": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "pattern": r"^[\w+=,.@/-]{1,64}$"},
                    "external_id": {"type": "string", "minLength": 2, "maxLength": 1224},
                    "session_name": {"type": "string", "pattern": r"^[\w+=,.@-]{2,64}$"},
                    "session_duration_seconds": {"type": "integer", "minimum": 900, "maximum": 43200},
                },
            },
            "accounts": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "discover": {"enum": ["organization"]},
                    "list": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id"],
                            "properties": {
                                "id": account_id,
                                "name": {"type": "string"},
                                "role": {"enum": ACCOUNT_ROLES},
                                "environment": {"type": "string"},
                            },
                        },
                    },
                    "exclude": {"type": "array", "items": account_id},
                },
            },
            "regions": {
                "oneOf": [
                    {"type": "array", "items": region, "minItems": 1},
                    {"const": ENABLED_REGIONS},
                ]
            },
            "waivers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "control", "reason", "owner", "ticket", "approved", "expires"],
                    "properties": {
                        "id": {"type": "string", "minLength": 1},
                        "control": {"enum": sorted(catalog)},
                        "account": account_id,
                        "region": region,
                        "resource": {"type": "string", "minLength": 1},
                        "reason": {"type": "string", "minLength": 10},
                        "owner": {"type": "string", "minLength": 1},
                        "ticket": {"type": "string", "minLength": 1},
                        "approved": {"type": "string", "format": "date"},
                        "expires": {"type": "string", "format": "date"},
                    },
                },
            },
            "controls": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    control.id: {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {name: spec["schema"] for name, spec in control.parameters.items()},
                    }
                    for control in catalog.values()
                },
            },
        },
    }


# What a person should do about each kind of schema error.
_HINTS = {
    "additionalProperties": "remove or correct the key (see baselines/example-org.yaml for every allowed key)",
    "pattern": "account IDs are 12 digits in quotes (\"111122223333\")",
    "required": "add the missing key",
    "oneOf": f"give a list of region names or the word {ENABLED_REGIONS!r}",
}


@dataclass
class Baseline:
    path: str
    organization: str
    home_region: str
    audit_role: dict
    discover: bool
    accounts: list
    exclude: list
    regions: object
    controls: dict = field(default_factory=dict)
    waivers: list = field(default_factory=list)
    organization_id: str = ""
    trusted_third_parties: list = field(default_factory=list)

    def parameters(self, control):
        """The control's parameters: catalog defaults overlaid with this baseline."""
        return {**control.defaults(), **self.controls.get(control.id, {})}


def load(path, catalog):
    """Read and validate a baseline; raise ConfigurationError naming the line."""
    source = YamlSource(path)
    validator = jsonschema.Draft202012Validator(_schema(catalog), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(source.data))
    if error is not None:
        raise source.error(list(error.absolute_path), _explain(error, catalog))
    data = source.data
    named_regions = [(["home_region"], data.get("home_region"))]
    named_regions += [(["waivers", i, "region"], w.get("region")) for i, w in enumerate(data.get("waivers", []))]
    if isinstance(data["regions"], list):
        named_regions += [(["regions", i], name) for i, name in enumerate(data["regions"])]
    for where, name in named_regions:
        if name is not None and unknown_region(name):
            raise source.error(where, unknown_region(name))
    listed = data["accounts"].get("list", [])
    seen = set()
    for index, account in enumerate(listed):
        if account["id"] in seen:
            raise source.error(["accounts", "list", index, "id"], f"account {account['id']} is listed twice")
        seen.add(account["id"])
    _check_waivers(source, data.get("waivers", []))
    _check_third_parties(source, data.get("trusted_third_parties", []), seen)
    if not listed and data["accounts"].get("discover") != "organization":
        raise source.error(["accounts"], "list the accounts in scope, or set `discover: organization`")
    return Baseline(
        path=str(path),
        organization=data.get("organization", ""),
        home_region=data.get("home_region", "us-east-1"),
        audit_role=data["audit_role"],
        discover=data["accounts"].get("discover") == "organization",
        accounts=listed,
        exclude=data["accounts"].get("exclude", []),
        regions=data["regions"],
        controls=data.get("controls", {}),
        waivers=data.get("waivers", []),
        organization_id=data.get("organization_id", ""),
        trusted_third_parties=data.get("trusted_third_parties", []),
    )


def _check_waivers(source, waivers):
    seen = set()
    for index, waiver in enumerate(waivers):
        if waiver["id"] in seen:
            raise source.error(["waivers", index, "id"], f"waiver ID {waiver['id']} is used twice; give each waiver its own ID")
        seen.add(waiver["id"])
        if waiver["expires"] < waiver["approved"]:
            raise source.error(["waivers", index, "expires"],
                               f"expires {waiver['expires']} is before approved {waiver['approved']}")


def _check_third_parties(source, parties, listed_accounts):
    seen = set()
    for index, party in enumerate(parties):
        where = ["trusted_third_parties", index, "account"]
        if party["account"] in seen:
            raise source.error(where, f"third party account {party['account']} is listed twice")
        if party["account"] in listed_accounts:
            raise source.error(where, f"account {party['account']} is one of the accounts under accounts.list, "
                                      "which are inside already; a trusted third party is an account outside "
                                      "the organization")
        seen.add(party["account"])


def _explain(error, catalog):
    if error.validator == "enum" and list(error.absolute_path)[-1:] == ["control"]:
        return f"unknown control {error.instance!r}; known controls: {', '.join(sorted(catalog))}"
    if error.validator == "additionalProperties" and list(error.absolute_path) == ["controls"]:
        unknown = sorted(set(error.instance) - set(catalog))
        return f"unknown control {', '.join(unknown)}; known controls: {', '.join(sorted(catalog))}"
    if error.validator == "pattern" and error.validator_value == ORGANIZATION_ID.pattern:
        return (f"{error.instance!r} is not an organization ID; give the ID AWS Organizations shows "
                "(aws organizations describe-organization), such as o-a1b2c3d4e5")
    if error.validator == "pattern" and error.validator_value != ACCOUNT_ID.pattern:
        return error.message
    hint = _HINTS.get(error.validator)
    return f"{error.message}; {hint}" if hint else error.message
