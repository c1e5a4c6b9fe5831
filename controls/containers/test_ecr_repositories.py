"""ECR repositories: scanned, with immutable tags and a lifecycle policy."""

import pytest

from controls.judging import judge_each

SCANNED = {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}


def _scanning_problem(repository):
    found = repository["ScanningConfiguration"]
    if found is None:
        return "ECR gave no scanning configuration for it"
    if found.get("scanFrequency") in SCANNED or found.get("scanOnPush"):
        return None
    return f"its images are not scanned on push or continuously (scan frequency {found.get('scanFrequency')})"


@pytest.mark.control("ecr-image-scanning")
def test_ecr_image_scanning(ecr_repository_scanning, evidence):
    judge_each(evidence, "repositories", ecr_repository_scanning,
               ("repositoryArn", "repositoryName", "ScanningConfiguration"), _scanning_problem,
               lambda r: "aws ecr put-registry-scanning-configuration --scan-type ENHANCED --rules "
                         "'[{\"scanFrequency\":\"CONTINUOUS_SCAN\",\"repositoryFilters\":[{\"filter\":\""
                         f"{r['repositoryName']}\",\"filterType\":\"WILDCARD\"}}]}}]'")


@pytest.mark.control("ecr-tag-immutability")
def test_ecr_tag_immutability(ecr_repositories, evidence):
    judge_each(evidence, "repositories", ecr_repositories,
               ("repositoryArn", "repositoryName", "imageTagMutability"),
               lambda r: None if r["imageTagMutability"] == "IMMUTABLE"
               else f"its image tags are {r['imageTagMutability']}, so a pushed image can replace a tagged one",
               lambda r: f"aws ecr put-image-tag-mutability --repository-name {r['repositoryName']} "
                         "--image-tag-mutability IMMUTABLE")


@pytest.mark.control("ecr-lifecycle-policy")
def test_ecr_lifecycle_policy(ecr_lifecycle_policies, evidence):
    judge_each(evidence, "repositories", ecr_lifecycle_policies,
               ("repositoryArn", "repositoryName", "LifecyclePolicy"),
               lambda r: None if r["LifecyclePolicy"] else "the repository has no lifecycle policy",
               lambda r: f"aws ecr put-lifecycle-policy --repository-name {r['repositoryName']} "
                         "--lifecycle-policy-text file://policy.json (for example: expire untagged images after 14 days)")
