"""The EKS cluster controls (controls/containers), proven against moto."""

from compliance.demo.seed_apps import eks_cluster
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/containers/test_eks_clusters.py"
CONTROLS = {"eks-endpoint-not-public", "eks-supported-version", "eks-secrets-encrypted", "eks-audit-logging"}
OTHER_REGION = "us-east-1"


def test_private_supported_encrypted_audited_clusters_pass_and_each_gap_fails(seeder, audit_roles,
                                                                               regional_baseline, run_suite):
    eks_cluster(seeder, PROD, REGION, "platform")
    eks_cluster(seeder, PROD, REGION, "data", version="1.33")
    eks_cluster(seeder, DEV, REGION, "public", public=True)
    eks_cluster(seeder, DEV, REGION, "extended", version="1.32")
    eks_cluster(seeder, DEV, REGION, "retired", version="1.29")
    eks_cluster(seeder, DEV, REGION, "forgotten", version="1.19")
    eks_cluster(seeder, DEV, REGION, "plain", secrets_key=False)
    eks_cluster(seeder, DEV, REGION, "silent", audit=False)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    arn = f"arn:aws:eks:{REGION}:{DEV}:cluster/"
    assert findings(dev) == {
        "eks-endpoint-not-public": [(arn + "public", "its API endpoint is public (allowed from 0.0.0.0/0)")],
        "eks-supported-version": [(arn + "extended", "it runs Kubernetes 1.32, in extended support"),
                                  (arn + "forgotten", "it runs Kubernetes 1.19, which EKS no longer lists"),
                                  (arn + "retired", "it runs Kubernetes 1.29, in unsupported")],
        "eks-secrets-encrypted": [(arn + "plain", "its Kubernetes secrets are not encrypted with a KMS key")],
        "eks-audit-logging": [(arn + "silent", "its Kubernetes audit log is not sent to CloudWatch Logs")]}


def test_unreadable_reads_error_and_the_baseline_may_allow_extended_support(seeder, audit_roles, tmp_path,
                                                                          run_suite, local_aws):
    for account in (PROD, DEV):
        eks_cluster(seeder, account, REGION, "platform")
    eks_cluster(seeder, DEV, OTHER_REGION, "extended", version="1.32")
    for account, region, operation in ((PROD, OTHER_REGION, "ListClusters"), (PROD, REGION, "DescribeCluster"),
                                       (DEV, REGION, "DescribeClusterVersions")):
        local_aws.inject("AccessDeniedException", "not authorized", service="eks", operation=operation,
                         account=account, region=region)
    baseline = write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION],
                              controls={"eks-supported-version": {"allow_extended_support": True}})
    suite = run_suite(CONTROL, baseline=baseline)
    assert_unreadable(suite.by_control(f"prod-{PROD}-{OTHER_REGION}"), CONTROLS, "eks:ListClusters")
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), CONTROLS, "eks:DescribeCluster")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), {"eks-supported-version"},
                      "eks:DescribeClusterVersions")
    assert {r["outcome"] for r in suite.by_control(f"dev-{DEV}-{OTHER_REGION}").values()} == {"passed"}


def test_moto_serves_cluster_versions_and_endpoint_defaults(local_aws, seeder):
    eks = seeder.client("eks", PROD, REGION)
    eks.create_cluster(name="defaults", roleArn=f"arn:aws:iam::{PROD}:role/eks", resourcesVpcConfig={})
    assert eks.describe_cluster(name="defaults")["cluster"]["resourcesVpcConfig"] == {
        "endpointPublicAccess": True, "endpointPrivateAccess": False, "publicAccessCidrs": ["0.0.0.0/0"]}
    versions = eks.describe_cluster_versions(includeAll=True)["clusterVersions"]
    assert {v["clusterVersion"]: v["versionStatus"] for v in versions}["1.29"] == "UNSUPPORTED"
