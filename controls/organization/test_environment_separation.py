"""Production and non-production workloads do not share an account."""

import pytest

from compliance.evidence import Finding


def environment_of(resource, tag_keys, aliases):
    """The resource's environment tag, lower-cased and with aliases resolved; None when untagged."""
    value = next((t["Value"] for t in resource.get("Tags", []) if t["Key"] in tag_keys), None)
    if value is None:
        return None
    return aliases.get(value.strip().lower(), value.strip().lower())


@pytest.mark.control("environment-separation")
def test_environment_separation(tagged_resources, account_target, params, evidence):
    keys, aliases = params["tag_keys"], params["aliases"]
    labelled = {r["ResourceARN"]: environment_of(r, keys, aliases) for r in tagged_resources}
    labelled = {arn: env for arn, env in labelled.items() if env is not None}
    declared = environment_of({"Tags": [{"Key": "environment", "Value": account_target.environment}]},
                              ["environment"], aliases) if account_target.environment else None
    evidence.record("declared_environment", declared)
    evidence.record("resource_environments", labelled)
    fix = "move the workload to an account of its own environment, or correct the tag"
    if declared:
        findings = [Finding(arn, f"tagged environment {env} in an account declared {declared}", fix)
                    for arn, env in labelled.items() if env != declared]
    else:
        seen = sorted(set(labelled.values()))
        findings = [] if len(seen) < 2 else [
            Finding(arn, f"tagged environment {env} in an account whose resources are tagged {', '.join(seen)} "
                         "(the baseline declares no environment for it)", fix)
            for arn, env in labelled.items()]
    evidence.verdict(findings)
