"""EKS clusters: a private endpoint, a supported Kubernetes version,
encrypted secrets and an audit log."""

import pytest

from controls.judging import judge_each


def _update_config(cluster, setting):
    return f"aws eks update-cluster-config --name {cluster['name']} {setting}"


@pytest.mark.control("eks-endpoint-not-public")
def test_eks_endpoint_not_public(eks_clusters, evidence):
    judge_each(evidence, "clusters", eks_clusters, ("arn", "name", "resourcesVpcConfig"),
               lambda c: "its API endpoint is public (allowed from "
                         f"{', '.join(c['resourcesVpcConfig'].get('publicAccessCidrs') or ['0.0.0.0/0'])})"
               if c["resourcesVpcConfig"]["endpointPublicAccess"] else None,
               lambda c: _update_config(c, "--resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true"))


def _version_problem(cluster, allow_extended):
    status = cluster["VersionStatus"]
    if status == "STANDARD_SUPPORT" or (status == "EXTENDED_SUPPORT" and allow_extended):
        return None
    if status is None:
        return f"it runs Kubernetes {cluster['version']}, which EKS no longer lists"
    return f"it runs Kubernetes {cluster['version']}, in {status.lower().replace('_', ' ')}"


@pytest.mark.control("eks-supported-version")
def test_eks_supported_version(eks_cluster_support, params, evidence):
    judge_each(evidence, "clusters", eks_cluster_support, ("arn", "name", "version", "VersionStatus"),
               lambda c: _version_problem(c, params["allow_extended_support"]),
               lambda c: f"aws eks update-cluster-version --name {c['name']} --kubernetes-version <next minor "
                         "version>, one minor version at a time, after upgrading add-ons and node groups")


def _encrypts_secrets(cluster):
    return any("secrets" in entry.get("resources", []) for entry in cluster.get("encryptionConfig", []))


@pytest.mark.control("eks-secrets-encrypted")
def test_eks_secrets_encrypted(eks_clusters, evidence):
    judge_each(evidence, "clusters", eks_clusters, ("arn", "name", "encryptionConfig"),
               lambda c: None if _encrypts_secrets(c) else "its Kubernetes secrets are not encrypted with a KMS key",
               lambda c: f"aws eks associate-encryption-config --cluster-name {c['name']} --encryption-config "
                         "'[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"<KMS key ARN>\"}}]'")


def _logs_audit(cluster):
    return any(entry.get("enabled") and "audit" in entry.get("types", [])
               for entry in cluster.get("logging", {}).get("clusterLogging", []))


@pytest.mark.control("eks-audit-logging")
def test_eks_audit_logging(eks_clusters, evidence):
    judge_each(evidence, "clusters", eks_clusters, ("arn", "name", "logging"),
               lambda c: None if _logs_audit(c) else "its Kubernetes audit log is not sent to CloudWatch Logs",
               lambda c: _update_config(c, "--logging '{\"clusterLogging\":[{\"types\":[\"audit\"],\"enabled\":true}]}'"))
