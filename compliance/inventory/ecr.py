"""Amazon ECR: the region's private repositories, with what each is scanned
on and its lifecycle policy."""

from compliance.inventory import batches, whole


def repositories(api, region):
    """The region's private repositories (``DescribeRepositories``), sorted by ARN."""
    return sorted(api.read("ecr", "DescribeRepositories", region)["repositories"], key=lambda r: r["repositoryArn"])


def scanning_configurations(api, region, names):
    """``{repository name: its effective scanning configuration}``: ECR's own
    answer (``BatchGetRepositoryScanningConfiguration``, 25 names a request),
    which applies the registry's scanning rules to each repository. A
    repository ECR answers a failure for makes the read unreadable."""
    found = {}
    for batch in batches(names, 25):
        answer = whole(api, "ecr", "BatchGetRepositoryScanningConfiguration", region,
                       api.read("ecr", "BatchGetRepositoryScanningConfiguration", region, repositoryNames=batch),
                       lambda f: f"repository {f.get('repositoryName')}: {f.get('failureCode')} {f.get('failureReason')}",
                       "scanningConfigurations", batch)
        found.update({c["repositoryName"]: c for c in answer})
    return found


def lifecycle_policy(api, region, repository):
    """The repository's lifecycle policy text, or None when it has none."""
    answer = api.read("ecr", "GetLifecyclePolicy", region, absent=("LifecyclePolicyNotFoundException",),
                      repositoryName=repository["repositoryName"], registryId=repository["registryId"])
    return answer["lifecyclePolicyText"] if answer else None
