"""Amazon EFS file systems."""


def file_systems(api, region):
    return sorted(api.read("efs", "DescribeFileSystems", region)["FileSystems"], key=lambda f: f["FileSystemArn"])
