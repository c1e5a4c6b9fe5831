"""AWS Elastic Beanstalk: the region's environments with their configuration options."""

from compliance.aws.answers import extended


def environments(api, region):
    """Each live environment of the region (``DescribeEnvironments``) with
    ``Options``: ``{"namespace:OptionName": value}`` of its configuration
    (``DescribeConfigurationSettings``, which no list request carries)."""
    found = []
    for environment in sorted(api.read("elasticbeanstalk", "DescribeEnvironments", region,
                                       IncludeDeleted=False)["Environments"], key=lambda e: e["EnvironmentArn"]):
        answer = api.read("elasticbeanstalk", "DescribeConfigurationSettings", region,
                          ApplicationName=environment["ApplicationName"], EnvironmentName=environment["EnvironmentName"])
        options = {f"{o['Namespace']}:{o['OptionName']}": o.get("Value")
                   for settings in answer["ConfigurationSettings"] for o in settings.get("OptionSettings", [])}
        found.append(extended(environment, Options=options))
    return found
