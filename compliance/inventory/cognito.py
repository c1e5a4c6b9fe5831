"""Amazon Cognito: the region's user pools, described."""


def user_pools(api, region):
    """Each user pool of the region as ``DescribeUserPool`` answers it (no list request carries its add-ons)."""
    listed = sorted(api.read("cognito-idp", "ListUserPools", region, MaxResults=60)["UserPools"], key=lambda p: p["Id"])
    return [api.read("cognito-idp", "DescribeUserPool", region, UserPoolId=p["Id"])["UserPool"] for p in listed]
