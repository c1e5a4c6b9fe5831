"""AWS Config recording and GuardDuty, in every region; both administered
or aggregated in the security account; Security Hub with the standards."""

import pytest

from compliance.evidence import Finding, root_arn


def records_everything(recorder):
    group = recorder.get("recordingGroup", {})
    return group.get("allSupported") or group.get("recordingStrategy", {}).get("useOnly") == "ALL_SUPPORTED_RESOURCE_TYPES"


CONFIG_SERVICE_LINKED_ROLE = ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"


def recorder_gaps(recorder, service_linked_role):
    gaps = [] if records_everything(recorder) else ["does not record all supported resource types"]
    if service_linked_role and not (recorder.get("roleARN") or "").endswith(CONFIG_SERVICE_LINKED_ROLE):
        gaps.append(f"records with {recorder.get('roleARN') or 'no role'}, not AWS Config's service-linked role")
    if not recorder["Status"].get("recording"):
        gaps.append("is not recording")
    if recorder["Status"].get("lastStatus") == "FAILURE":
        gaps.append(f"last delivery failed ({recorder['Status'].get('lastErrorCode', 'no error code')})")
    return gaps


@pytest.mark.control("config-recording")
def test_config_recording(config_recording, region_target, partition, params, evidence):
    evidence.record("config", config_recording)
    where = f"arn:{partition}:config:{region_target.region}:{region_target.account.id}:configuration-recorder"
    fix = (f"put-configuration-recorder with allSupported=true (and AWS Config's service-linked role), "
           "put-delivery-channel and "
           f"start-configuration-recorder in {region_target.region}")
    gaps = {r["name"]: recorder_gaps(r, params["service_linked_role"]) for r in config_recording["Recorders"]}
    findings = [] if any(not g for g in gaps.values()) else (
        [Finding(f"{where}/{name}", f"the recorder {gap}", fix) for name, found in gaps.items() for gap in found]
        or [Finding(where, "no configuration recorder", fix)])
    if not config_recording["DeliveryChannels"]:
        findings.append(Finding(where, "no delivery channel", fix))
    evidence.verdict(findings)


@pytest.mark.control("guardduty-enabled")
def test_guardduty_enabled(guardduty_detectors, region_target, partition, evidence):
    evidence.record("detectors", guardduty_detectors)
    enabled = [d for d in guardduty_detectors if d.get("Status") == "ENABLED"]
    findings = [] if enabled else [Finding(
        f"arn:{partition}:guardduty:{region_target.region}:{region_target.account.id}:detector",
        "no enabled detector" if not guardduty_detectors else
        f"detector {guardduty_detectors[0]['DetectorId']} is {guardduty_detectors[0].get('Status')}",
        f"aws guardduty create-detector --enable --region {region_target.region}")]
    evidence.verdict(findings)


@pytest.mark.control("guardduty-delegated-admin")
def test_guardduty_delegated_admin(guardduty_administrators, security_account, management_account, partition,
                                   evidence):
    evidence.record("administrators", guardduty_administrators)
    findings = [
        Finding(root_arn(partition, management_account.id),
                f"in {region} GuardDuty is administered by "
                f"{', '.join(a['AdminAccountId'] for a in admins) or 'no delegated account'}, "
                f"not the security account {security_account.id}",
                f"aws guardduty enable-organization-admin-account --admin-account-id {security_account.id} "
                f"--region {region}")
        for region, admins in guardduty_administrators.items()
        if not any(a["AdminAccountId"] == security_account.id and a.get("AdminStatus") == "ENABLED" for a in admins)
    ]
    evidence.verdict(findings)


@pytest.mark.control("inspector-ec2-scanning")
def test_inspector_ec2_scanning(inspector_status, region_target, partition, evidence):
    evidence.record("inspector", inspector_status)
    ec2 = ((inspector_status or {}).get("resourceState") or {}).get("ec2", {}).get("status")
    findings = [] if ec2 == "ENABLED" else [Finding(
        root_arn(partition, region_target.account.id),
        f"Amazon Inspector does not scan EC2 in {region_target.region} "
        f"({'no status reported' if inspector_status is None else f'EC2 scanning {ec2}'})",
        f"aws inspector2 enable --resource-types EC2 --region {region_target.region} (or enable it for the "
        "organization from Inspector's delegated administrator)")]
    evidence.verdict(findings)


def aggregated_regions(aggregator, account_id, organization_accounts):
    """The regions ``aggregator`` collects for ``account_id``: "all", a set, or an empty set."""
    sources = aggregator.get("AccountAggregationSources", [])
    sources = [s for s in sources if account_id in s.get("AccountIds", [])]
    organization = aggregator.get("OrganizationAggregationSource")
    if organization and account_id in organization_accounts:
        sources.append(organization)
    if any(s.get("AllAwsRegions") for s in sources):
        return "all"
    return {r for s in sources for r in s.get("AwsRegions", [])}


@pytest.mark.control("config-aggregated")
def test_config_aggregated(config_aggregation, organization_scope, security_account, partition, evidence):
    evidence.record("aggregation", config_aggregation)
    aggregators = [a for found in config_aggregation["Aggregators"].values() for a in found]
    findings = []
    for account in organization_scope.accounts:
        regions = set(organization_scope.regions.get(account.id, []))
        covered = [aggregated_regions(a, account.id, config_aggregation["OrganizationAccounts"]) for a in aggregators]
        missing = set() if "all" in covered else regions - set().union(*covered)
        if missing:
            findings.append(Finding(
                root_arn(partition, account.id),
                f"AWS Config data of {', '.join(sorted(missing))} is not aggregated in the security account "
                f"{security_account.id}",
                "aws configservice put-configuration-aggregator in the security account with "
                "--organization-aggregation-source AllAwsRegions=true (the account delegated for "
                "config.amazonaws.com), or account sources naming this account"))
    evidence.verdict(findings)


REQUIRED_STANDARDS = {"cis-aws-foundations-benchmark": "CIS AWS Foundations Benchmark", "pci-dss": "PCI DSS"}


@pytest.mark.control("security-hub-enabled")
def test_security_hub_enabled(security_hub, region_target, partition, evidence):
    evidence.record("security_hub", security_hub)
    where = f"arn:{partition}:securityhub:{region_target.region}:{region_target.account.id}:hub/default"
    fix = (f"aws securityhub enable-security-hub --region {region_target.region}, then batch-enable-standards for "
           "the CIS AWS Foundations Benchmark and PCI DSS")
    if security_hub is None:
        findings = [Finding(where, "Security Hub is not enabled", fix)]
    else:
        ready = [s["StandardsArn"] for s in security_hub["Standards"] if s.get("StandardsStatus") == "READY"]
        findings = [Finding(where, f"the {name} standard is not enabled (READY)", fix)
                    for key, name in REQUIRED_STANDARDS.items() if not any(f"/{key}/" in arn for arn in ready)]
    evidence.verdict(findings)
