"""A starter baseline for a real organization, written from AWS Organizations
for a person to review and commit."""

import re

import yaml

from compliance.inventory import organizations

ROLE_HINTS = [("log-archive", re.compile(r"log.?archive|logging|logs?\b", re.I)),
              ("security", re.compile(r"security|audit", re.I)),
              ("shared-services", re.compile(r"shared|network|infra", re.I)),
              ("sandbox", re.compile(r"sandbox", re.I))]
ENVIRONMENT_HINTS = [("prod", re.compile(r"\bprod|production", re.I)),
                     ("staging", re.compile(r"stag|pre-?prod|uat", re.I)),
                     ("dev", re.compile(r"\bdev|development|test|sandbox", re.I))]


def infer_role(account, ou_path, management_id):
    if account["Id"] == management_id:
        return "management"
    text = f"{account['Name']} {ou_path}"
    return next((role for role, hint in ROLE_HINTS if hint.search(text)), "workload")


def infer_environment(account, ou_path):
    text = f"{account['Name']} {ou_path}"
    return next((env for env, hint in ENVIRONMENT_HINTS if hint.search(text)), None)


def starter_baseline(api, home_region, audit_role):
    """The baseline as data, with each account's OU kept for the comments."""
    organization = organizations.organization(api, home_region)
    paths = organizations.account_paths(api, home_region)
    accounts = []
    for account in organizations.active_accounts(api, home_region):
        entry = {"id": account["Id"], "name": account["Name"],
                 "role": infer_role(account, paths.get(account["Id"], ""), organization["MasterAccountId"])}
        environment = infer_environment(account, paths.get(account["Id"], ""))
        if environment and entry["role"] == "workload":
            entry["environment"] = environment
        accounts.append((entry, paths.get(account["Id"], "")))
    return organization, accounts


def render(organization, accounts, home_region, audit_role):
    """YAML text with a header saying what was inferred and must be reviewed."""
    header = [
        f"# Starter baseline for organization {organization['Id']} (management account {organization['MasterAccountId']}),",
        "# written from AWS Organizations. Review before committing: the roles and environments below",
        "# are inferred from account and OU names; each control's parameters take their documented",
        "# defaults (controls/<domain>/catalog.yaml) until you set them under `controls:`.",
        "version: 1",
        f"organization: {organization['Id']}",
        f"home_region: {home_region}",
        "audit_role:",
        f"  name: {audit_role}",
        "accounts:",
        "  discover: organization",
        "  list:",
    ]
    for entry, path in accounts:
        flow = yaml.safe_dump(entry, default_flow_style=True, sort_keys=False).strip()
        header.append(f"    - {flow}" + (f"   # OU {path}" if path else "   # root"))
    header += ["regions: enabled", "controls: {}", "waivers: []"]
    return "\n".join(header) + "\n"
