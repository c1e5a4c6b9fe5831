"""Which regions are enabled in an account."""


def enabled(api, home_region):
    """Sorted names of the regions enabled (or opted in) for the account.

    ``DescribeRegions`` without ``AllRegions`` lists exactly those.
    """
    answer = api.read("ec2", "DescribeRegions", home_region)
    return sorted(region["RegionName"] for region in answer["Regions"])
