"""Amazon Route 53 hosted zones (a global service, read through the home region)."""


def hosted_zones(api, home_region):
    """The account's hosted zones (Id, Name, Config.PrivateZone)."""
    return sorted(api.read("route53", "ListHostedZones", home_region)["HostedZones"], key=lambda z: z["Id"])


def query_logging_configs(api, home_region):
    """Every DNS query logging configuration of the account's public hosted zones (HostedZoneId, CloudWatchLogsLogGroupArn)."""
    return api.read("route53", "ListQueryLoggingConfigs", home_region)["QueryLoggingConfigs"]
