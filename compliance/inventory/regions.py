"""Which regions are enabled in an account."""

from compliance.errors import ApiUnreadable


def enabled(api, home_region):
    """Sorted names of the regions enabled (or opted in) for the account.

    ``DescribeRegions`` without ``AllRegions`` lists exactly those.
    """
    answer = api.read("ec2", "DescribeRegions", home_region)
    if not answer.get("Regions"):
        raise ApiUnreadable("ec2", "DescribeRegions", api.account_id, home_region, "NoRegions",
                            f"the answer lists no region, not even {home_region}, where it was asked")
    return sorted(region["RegionName"] for region in answer["Regions"])
