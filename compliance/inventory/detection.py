"""Detection services: AWS Config recorders, GuardDuty detectors and its
delegated administrator."""

from compliance.aws.answers import extended


def config_recorders(api, region):
    """Configuration recorders, each with its status, and the delivery channels."""
    recorders = api.read("config", "DescribeConfigurationRecorders", region)["ConfigurationRecorders"]
    statuses = {s["name"]: s for s in
                api.read("config", "DescribeConfigurationRecorderStatus", region)["ConfigurationRecordersStatus"]}
    channels = api.read("config", "DescribeDeliveryChannels", region)["DeliveryChannels"]
    return {"Recorders": [extended(r, Status=statuses.get(r["name"], {})) for r in recorders], "DeliveryChannels": channels}


def guardduty_detectors(api, region):
    return [{"DetectorId": detector_id, **api.read("guardduty", "GetDetector", region, DetectorId=detector_id)}
            for detector_id in api.read("guardduty", "ListDetectors", region)["DetectorIds"]]


def guardduty_admin_accounts(api, region):
    return api.read("guardduty", "ListOrganizationAdminAccounts", region)["AdminAccounts"]


def security_hub(api, region):
    """The region's hub (None when Security Hub is not enabled) and its enabled standards."""
    hub = api.read("securityhub", "DescribeHub", region, absent=("InvalidAccessException",))
    if hub is None:
        return None
    return extended(hub, Standards=api.read("securityhub", "GetEnabledStandards", region)["StandardsSubscriptions"])


def config_aggregators(api, region):
    return api.read("config", "DescribeConfigurationAggregators", region)["ConfigurationAggregators"]


MACIE_NOT_ENABLED = ("AccessDeniedException", "Macie is not enabled")


def macie_session(api, region):
    """The account's Macie session in the region (status ENABLED or PAUSED);
    None when Macie is not enabled, which AWS answers as AccessDeniedException
    with that message (a real denial has another)."""
    return api.read("macie2", "GetMacieSession", region, absent=(MACIE_NOT_ENABLED,))
