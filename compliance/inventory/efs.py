"""Amazon EFS file systems."""


def file_systems(api, region):
    return sorted(api.read("efs", "DescribeFileSystems", region)["FileSystems"], key=lambda f: f["FileSystemArn"])


def access_points(api, region):
    """Every access point of the region's file systems (DescribeAccessPoints without a file system)."""
    return sorted(api.read("efs", "DescribeAccessPoints", region)["AccessPoints"], key=lambda a: a["AccessPointArn"])
