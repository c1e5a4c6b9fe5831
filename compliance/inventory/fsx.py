"""Amazon FSx: file systems of every type."""


def file_systems(api, region):
    return sorted(api.read("fsx", "DescribeFileSystems", region)["FileSystems"], key=lambda f: f["ResourceARN"])
