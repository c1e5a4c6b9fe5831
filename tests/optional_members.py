"""Replaying a recording with what AWS may leave out left out.

botocore's service models say which members of each answer are required;
AWS may omit any other one (older resources, other partitions, features not
enabled). ``variants(recording)`` lists, for every operation the recording
holds an answer to, each optional member present in its answers (walking
nested structures, every element of a list, every value of a map) and each
non-empty list. A variant removes that member (or empties that list) from
every answer of the operation.

``run(recording, variants)`` replays the recording once with pytest, then,
in the same process, re-runs for each variant the tests that read an answer
the variant changes, with the variant's answers in place of the recorded
ones, and judges each result against the replay's:

- a crash (a Python error other than the suite's own, such as KeyError or
  TypeError in a control or fixture) is a problem;
- an error must name the operation and the missing member;
- a failure (or waived failure) that becomes a pass or a skip, or that names
  fewer resources (a resource may be named otherwise without a member that
  named it), is a fail-open problem unless
  ``ABSENCE_MEANS_COMPLIANT`` says why that absence truly means compliance;
- a pass that becomes a failure is the control reporting what it lacks.

    .venv/bin/python -m tests.optional_members RECORDING [--per-operation N] [--seed S]

prints how many variants and test runs it made, its time and every problem
(every variant unless --per-operation samples N per operation).
"""

import argparse
import copy
import dataclasses
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import botocore.session
import pytest
from _pytest.outcomes import OutcomeException
from _pytest.runner import runtestprotocol

from compliance.aws.store import dumps, loads
from compliance.errors import AccountUnreachable, ApiUnreadable, ScopeIncomplete
from compliance.run import RECORDING_RUN
from fixtures.plugin import RUN
from fixtures.reporting import outcome_of

ROOT = Path(__file__).resolve().parent.parent
REMOVED, EMPTIED = "removed", "emptied"

# (service:Operation, member path) -> why a failure that passes without that
# member (or with that list empty: AWS leaves empty lists out) was right to.
_NONE_LISTED = "lists no resource of this kind: there is none to fail"
_NO_RULE = "has no rule, entry or grant: nothing is admitted or granted"
ABSENCE_MEANS_COMPLIANT = {
    **{resources: _NONE_LISTED for resources in [
        ("cloudfront:ListDistributions", "DistributionList"), ("cloudfront:ListDistributions", "DistributionList.Items"),
        ("ec2:DescribeInstances", "Reservations"), ("ec2:DescribeInstances", "Reservations[].Instances"),
        ("ec2:DescribeNetworkAcls", "NetworkAcls"), ("ec2:DescribeRouteTables", "RouteTables"),
        ("ec2:DescribeSecurityGroups", "SecurityGroups"), ("ec2:DescribeSnapshots", "Snapshots"),
        ("ec2:DescribeVpcs", "Vpcs"), ("efs:DescribeFileSystems", "FileSystems"),
        ("elbv2:DescribeLoadBalancers", "LoadBalancers"), ("glacier:ListVaults", "VaultList"),
        ("iam:GetAccountAuthorizationDetails", "RoleDetailList"),
        ("iam:GetAccountAuthorizationDetails", "UserDetailList"), ("iam:GetAccountAuthorizationDetails", "GroupDetailList"),
        ("iam:ListPolicies", "Policies"), ("iam:ListServerCertificates", "ServerCertificateMetadataList"),
        ("kms:ListKeys", "Keys"), ("lambda:ListFunctions", "Functions"), ("rds:DescribeDBClusters", "DBClusters"),
        ("rds:DescribeDBInstances", "DBInstances"), ("rds:DescribeDBSnapshots", "DBSnapshots"),
        ("rds:DescribeDBClusterSnapshots", "DBClusterSnapshots"), ("redshift:DescribeClusters", "Clusters"),
        ("s3:ListBuckets", "Buckets"), ("sns:ListTopics", "Topics"), ("sqs:ListQueues", "QueueUrls"),
        ("cloudformation:DescribeStacks", "Stacks"), ("ecs:ListTaskDefinitions", "taskDefinitionArns"),
        ("autoscaling:DescribeLaunchConfigurations", "LaunchConfigurations"),
        ("dynamodb:ListTables", "TableNames"), ("efs:DescribeAccessPoints", "AccessPoints"),
        ("ec2:DescribeVolumes", "Volumes"), ("secretsmanager:ListSecrets", "SecretList"),
        ("events:ListEventBuses", "EventBuses"), ("fsx:DescribeFileSystems", "FileSystems"),
        ("s3control:ListAccessPoints", "AccessPointList"), ("backup:ListBackupVaults", "BackupVaultList"),
        ("backup:ListRecoveryPointsByBackupVault", "RecoveryPoints"),
        ("ec2:DescribeLaunchTemplateVersions", "LaunchTemplateVersions"),
        ("ecs:DescribeTaskDefinition", "taskDefinition.containerDefinitions"),
        ("opensearch:ListDomainNames", "DomainNames"), ("elasticache:DescribeCacheClusters", "CacheClusters"),
        ("elasticache:DescribeReplicationGroups", "ReplicationGroups"), ("dynamodb:ListTables", "TableNames"),
        ("dax:DescribeClusters", "Clusters"), ("dms:DescribeReplicationInstances", "ReplicationInstances"),
        ("dms:DescribeReplicationTasks", "ReplicationTasks"), ("dms:DescribeEndpoints", "Endpoints"),
        ("emr:ListClusters", "Clusters"), ("emr:ListInstances", "Instances"),
        ("kafka:ListClustersV2", "ClusterInfoList"),
        ("kinesis:ListStreams", "StreamNames"), ("athena:ListWorkGroups", "WorkGroups"),
        ("apigateway:GetRestApis", "items"), ("appsync:ListGraphqlApis", "graphqlApis"),
        ("apigatewayv2:GetApis", "Items"), ("apigatewayv2:GetRoutes", "Items"), ("apigateway:GetStages", "item"),
        ("ecr:DescribeRepositories", "repositories"), ("elasticbeanstalk:DescribeEnvironments", "Environments"),
        ("sagemaker:ListNotebookInstances", "NotebookInstances"), ("codebuild:ListProjects", "projects"),
        ("codebuild:ListReportGroups", "reportGroups"), ("cognito-idp:ListUserPools", "UserPools"),
        ("ecs:ListClusters", "clusterArns"), ("ecs:ListServices", "serviceArns"), ("eks:ListClusters", "clusters"),
        ("sagemaker:ListEndpointConfigs", "EndpointConfigs"), ("sagemaker:ListModels", "Models"),
        ("stepfunctions:ListStateMachines", "stateMachines"),
        # AWS requires one variant at least: an empty list leaves no instance count to judge.
        ("sagemaker:DescribeEndpointConfig", "ProductionVariants"),
        # With no trail, no trail bucket is an archive and no digest is due;
        # cloudtrail-organization-trail fails for the missing trail.
        ("cloudtrail:DescribeTrails", "trailList"),
        ("ec2:DescribeVolumes", "Volumes"), ("ec2:DescribeAddresses", "Addresses"),
        ("ec2:DescribeSubnets", "Subnets"), ("ec2:DescribeTransitGateways", "TransitGateways"),
        ("ec2:DescribeVpnConnections", "VpnConnections"), ("ec2:DescribeClientVpnEndpoints", "ClientVpnEndpoints"),
        ("autoscaling:DescribeAutoScalingGroups", "AutoScalingGroups"), ("ssm:ListDocuments", "DocumentIdentifiers"),
        # No summary: no association to break (a missing Patch summary is a finding of ssm-patch-compliance).
        ("ssm:ListResourceComplianceSummaries", "ResourceComplianceSummaryItems"),
        ("elb:DescribeLoadBalancers", "LoadBalancerDescriptions"), ("acm:ListCertificates", "CertificateSummaryList"),
        ("acm-pca:ListCertificateAuthorities", "CertificateAuthorities"), ("wafv2:ListWebACLs", "WebACLs"),
        ("wafv2:ListRuleGroups", "RuleGroups"), ("route53:ListHostedZones", "HostedZones"),
        ("network-firewall:ListFirewalls", "Firewalls"), ("network-firewall:ListFirewallPolicies", "FirewallPolicies"),
        ("network-firewall:ListRuleGroups", "RuleGroups")]},
    **{rules: _NO_RULE for rules in [
        ("ec2:DescribeNetworkAcls", "NetworkAcls[].Entries"), ("ec2:DescribeRouteTables", "RouteTables[].Routes"),
        ("ec2:DescribeSecurityGroups", "SecurityGroups[].IpPermissions"),
        ("ec2:DescribeSecurityGroups", "SecurityGroups[].IpPermissionsEgress"),
        ("ec2:DescribeSecurityGroups", "SecurityGroups[].IpPermissions[].IpRanges"),
        ("rds:DescribeDBSnapshotAttributes", "DBSnapshotAttributesResult.DBSnapshotAttributes"),
        ("rds:DescribeDBSnapshotAttributes", "DBSnapshotAttributesResult.DBSnapshotAttributes[].AttributeValues"),
        ("rds:DescribeDBClusterSnapshotAttributes", "DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes"),
        ("rds:DescribeDBClusterSnapshotAttributes",
         "DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes[].AttributeValues"),
        ("iam:GetAccountAuthorizationDetails", "RoleDetailList[].AttachedManagedPolicies"),
        ("iam:GetAccountAuthorizationDetails", "UserDetailList[].AttachedManagedPolicies"),
        ("s3:GetBucketLifecycleConfiguration", "Rules"),
        ("wafv2:GetWebACL", "WebACL.Rules"), ("wafv2:GetRuleGroup", "RuleGroup.Rules")]},
    **{listeners: "a load balancer without listeners serves nobody" for listeners in [
        ("elbv2:DescribeListeners", "Listeners"),
        ("elb:DescribeLoadBalancers", "LoadBalancerDescriptions[].ListenerDescriptions")]},
    **{behaviors: "a distribution without further cache behaviors or origins of that kind has none to fail" for behaviors in [
        ("cloudfront:GetDistributionConfig", "DistributionConfig.CacheBehaviors.Items"),
        ("cloudfront:GetDistributionConfig", "DistributionConfig.Origins.Items")]},
    ("s3:GetBucketPolicy", "Policy"): "a bucket without a policy grants nobody anything through one",
    ("codebuild:BatchGetProjects", "projects[].environment.privilegedMode"):
        "AWS documents privilegedMode's default as false: the build runs unprivileged",
    ("codebuild:BatchGetReportGroups", "reportGroups[].exportConfig"):
        "a report group without an export configuration exports no report",
    ("lambda:ListFunctions", "Functions[].VpcConfig.SubnetIds"):
        "a function without subnets is not in a VPC: lambda-in-vpc fails it, lambda-multi-az judges VPC functions only",
    **{stored: "nothing stored there: no credential to find" for stored in [
        ("ec2:DescribeInstanceAttribute", "UserData"), ("ec2:DescribeInstanceAttribute", "UserData.Value"),
        ("autoscaling:DescribeLaunchConfigurations", "LaunchConfigurations[].UserData"),
        ("ec2:DescribeLaunchTemplateVersions", "LaunchTemplateVersions[].LaunchTemplateData.UserData"),
        ("ecs:DescribeTaskDefinition", "taskDefinition.containerDefinitions[].environment[].value"),
        ("lambda:ListFunctions", "Functions[].Environment"),
        ("lambda:ListFunctions", "Functions[].Environment.Variables")]},
    ("ec2:DescribeInstances", "Reservations[].Instances[].PublicIpAddress"):
        "AWS leaves PublicIpAddress out when the instance has no public IPv4 address",
    ("emr:ListInstances", "Instances[].PublicIpAddress"):
        "AWS leaves PublicIpAddress out when the node has no public IPv4 address",
    ("opensearch:DescribeDomains", "DomainStatusList[].AccessPolicies"):
        "a domain without an access policy grants nobody anything through one",
    ("elasticache:DescribeReplicationGroups", "ReplicationGroups[].TransitEncryptionMode"):
        "groups from before the preferred mode report no mode: their encryption in transit is required",
    **{transit: "MSK's documented defaults: InCluster true, ClientBroker TLS" for transit in [
        ("kafka:ListClustersV2", "ClusterInfoList[].Provisioned.EncryptionInfo"),
        ("kafka:ListClustersV2", "ClusterInfoList[].Provisioned.EncryptionInfo.EncryptionInTransit"),
        ("kafka:ListClustersV2", "ClusterInfoList[].Provisioned.EncryptionInfo.EncryptionInTransit.InCluster"),
        ("kafka:ListClustersV2", "ClusterInfoList[].Provisioned.EncryptionInfo.EncryptionInTransit.ClientBroker")]},
    ("ec2:DescribeInstances", "Reservations[].Instances[].NetworkInterfaces"):
        "an instance without network interfaces has not more than one",
    ("ec2:DescribeSecurityGroups", "SecurityGroups[].IpPermissions[].Ipv6Ranges"):
        "a rule without IPv6 ranges admits no IPv6 address",
    ("ec2:DescribeLaunchTemplateVersions", "LaunchTemplateVersions[].LaunchTemplateData"):
        "a version without data stores no user data",
    ("ecs:DescribeTaskDefinition", "taskDefinition.containerDefinitions[].environment"):
        "a container without environment variables passes none",
    ("ec2:DescribeRouteTables", "RouteTables[].Routes[].VpcPeeringConnectionId"):
        "a route without a peering connection leads elsewhere: not a peering route",
    ("s3:GetBucketLifecycleConfiguration", "Rules[].NoncurrentVersionExpiration"):
        "a rule without NoncurrentVersionExpiration expires no noncurrent version",
    ("iam:ListVirtualMFADevices", "VirtualMFADevices"):
        "no virtual device is assigned to root: the MFA GetAccountSummary reports for root is hardware",
    ("resourcegroupstaggingapi:GetResources", "ResourceTagMappingList"): "no tagged resource: no environment to mix",
    ("resourcegroupstaggingapi:GetResources", "ResourceTagMappingList[].Tags"): "no tag: no environment to mix",
    ("s3:GetBucketTagging", "TagSet"): "a bucket without tags is not an archive by tag",
    ("s3:GetBucketLocation", "LocationConstraint"):
        "AWS leaves LocationConstraint out for us-east-1: the bucket is judged with that region's trails",
    ("organizations:ListRoots", "Roots[].PolicyTypes"):
        "no policy type is enabled at the root: one finding says SCPs are off, in place of one per account",
    ("ssm:DescribeDocumentPermission", "AccountIds"): "a document without AccountIds is shared with no account",
    ("autoscaling:DescribeLaunchConfigurations", "LaunchConfigurations[].MetadataOptions"):
        "without MetadataOptions the hop limit is AWS's default, 1 (IMDSv1, the default too, still fails)",
    ("autoscaling:DescribeLaunchConfigurations", "LaunchConfigurations[].MetadataOptions.HttpPutResponseHopLimit"):
        "without HttpPutResponseHopLimit the hop limit is AWS's default, 1",
    **{public: "without AssociatePublicIpAddress the instances take the subnet's setting (subnet-no-auto-public-ip)"
       for public in [("autoscaling:DescribeLaunchConfigurations", "LaunchConfigurations[].AssociatePublicIpAddress"),
                      ("ec2:DescribeLaunchTemplateVersions",
                       "LaunchTemplateVersions[].LaunchTemplateData.NetworkInterfaces"),
                      ("ec2:DescribeLaunchTemplateVersions",
                       "LaunchTemplateVersions[].LaunchTemplateData.NetworkInterfaces[].AssociatePublicIpAddress")]},
    **{balancers: "a group without load balancers or target groups has no load balancer health check to use"
       for balancers in [("autoscaling:DescribeAutoScalingGroups", "AutoScalingGroups[].LoadBalancerNames"),
                         ("autoscaling:DescribeAutoScalingGroups", "AutoScalingGroups[].TargetGroupARNs")]},
    ("autoscaling:DescribeAutoScalingGroups", "AutoScalingGroups[].LaunchConfigurationName"):
        "AWS names the launch configuration of every group that uses one; without it the group uses a template",
    # Found by the all-variants run after the FSBP controls landed; each absence AWS documents as the secure state.
    **{resources: _NONE_LISTED for resources in [
        ("iam:GetAccountAuthorizationDetails", "Policies"),
        ("ssm:DescribeInstanceInformation", "InstanceInformationList")]},
    ("apigateway:GetStages", "item[].methodSettings"): "a stage without method settings caches nothing: no cache to encrypt",
    ("apigateway:GetStages", "item[].methodSettings{}.cachingEnabled"): "caching is off unless enabled: no cache",
    ("appsync:GetApiCache", "apiCache"): "an API without a cache has nothing cached to encrypt",
    ("cloudfront:GetDistributionConfig", "DistributionConfig.Origins.Items[].CustomOriginConfig"):
        "an origin without CustomOriginConfig is not a custom origin (the custom-origin controls do not apply)",
    ("cloudfront:GetDistributionConfig", "DistributionConfig.Origins.Items[].CustomOriginConfig.OriginSslProtocols.Items"):
        "no protocol listed: none of the deprecated ones is allowed",
    ("cloudfront:GetDistributionConfig", "DistributionConfig.Origins.Items[].S3OriginConfig"):
        "an origin without S3OriginConfig is served as a custom origin, not an S3 REST origin",
    ("cloudfront:GetDistributionConfig", "DistributionConfig.ViewerCertificate.ACMCertificateArn"):
        "without its own certificate a distribution serves CloudFront's default one: SNI does not apply",
    ("codebuild:BatchGetProjects", "projects[].environment.environmentVariables"):
        "a project without environment variables holds no credential in them",
    ("codebuild:BatchGetProjects", "projects[].logsConfig.s3Logs"): "a project without S3 logs writes none to encrypt",
    ("codebuild:BatchGetProjects", "projects[].logsConfig.s3Logs.encryptionDisabled"):
        "AWS's default is false: S3 logs are encrypted",
    ("codebuild:BatchGetProjects", "projects[].source"): "a project without a source has no URL to carry credentials",
    ("codebuild:BatchGetProjects", "projects[].source.location"): "no source location: no URL to carry credentials",
    ("codebuild:BatchGetReportGroups", "reportGroups[].exportConfig.exportConfigType"):
        "a report group without an export type exports nothing",
    ("codebuild:BatchGetReportGroups", "reportGroups[].exportConfig.s3Destination.encryptionDisabled"):
        "AWS's default is false: exports are encrypted",
    ("ec2:DescribeVolumes", "Volumes[].Attachments"): "a volume without attachments is not attached",
    ("ecs:DescribeServices", "services[].launchType"):
        "a service without a launch type runs on a capacity provider strategy: ECS.10 judges Fargate launch types",
    ("ecs:DescribeServices", "services[].networkConfiguration"): "assignPublicIp defaults to DISABLED",
    ("ecs:DescribeServices", "services[].networkConfiguration.awsvpcConfiguration"): "assignPublicIp defaults to DISABLED",
    ("ecs:DescribeServices", "services[].networkConfiguration.awsvpcConfiguration.assignPublicIp"):
        "assignPublicIp defaults to DISABLED",
    ("ecs:DescribeTaskDefinition", "taskDefinition.containerDefinitions[].privileged"): "privileged defaults to false",
    ("ecs:DescribeTaskDefinition", "taskDefinition.networkMode"): "the default network mode is not host",
    ("ecs:DescribeTaskDefinition", "taskDefinition.pidMode"): "the default PID mode is the task's own, not host",
    ("lambda:ListFunctions", "Functions[].Runtime"): "a container-image function has no managed runtime to retire",
    ("lambda:ListFunctions", "Functions[].VpcConfig"): "a function without VpcConfig is not in a VPC: Lambda.5 judges VPC functions",
    ("rds:DescribeDBClusters", "DBClusters[].MasterUsername"):
        "a secondary cluster of a global database has no administrator of its own",
    ("rds:DescribeDBInstances", "DBInstances[].MasterUsername"):
        "an instance of a global database's secondary cluster has no administrator of its own",
    ("secretsmanager:ListSecrets", "SecretList[].NextRotationDate"):
        "AWS gives NextRotationDate only while a rotation is scheduled: without it none is due",
}

# The replay's answer to a question the recording does not hold.
NOT_IN_RECORDING = "NotInRecording"
# The suite's own errors: each says what could not be read or what the scope lacks.
SUITE_ERRORS = (ApiUnreadable, AccountUnreachable, ScopeIncomplete)


@dataclasses.dataclass(frozen=True, order=True)
class Variant:
    """``operation`` ("service:Operation") answered without ``path`` (member
    names, "[]" for every element of a list, "{}" for every value of a map)."""

    operation: str
    path: tuple
    kind: str

    @property
    def member(self):
        return "".join(p if p in ("[]", "{}") else f".{p}" for p in self.path).lstrip(".")

    def __str__(self):
        return f"{self.operation} {self.member} {self.kind}"

    def apply(self, response):
        """A copy of ``response`` without the member (or with the list empty)."""
        return _without(copy.deepcopy(response), self.path, self.kind)


def _without(value, path, kind):
    head, rest = path[0], path[1:]
    if head == "[]":
        return [_without(element, rest, kind) for element in value] if rest else []
    if head == "{}":
        return {k: _without(v, rest, kind) for k, v in value.items()} if rest else {}
    if head not in value:
        return value
    if not rest:
        if kind == REMOVED:
            del value[head]
        else:
            value[head] = []
        return value
    value[head] = _without(value[head], rest, kind)
    return value


def _optional(shape, value, prefix):
    """(path, kind) of each optional member present in ``value`` (an answer
    of ``shape``) and of each non-empty list, at any depth."""
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                if name not in shape.required_members:
                    yield prefix + (name,), REMOVED
                yield from _optional(member, value[name], prefix + (name,))
    elif shape.type_name == "list" and isinstance(value, list) and value:
        yield prefix, EMPTIED
        for element in value:
            yield from _optional(shape.member, element, prefix + ("[]",))
    elif shape.type_name == "map" and isinstance(value, dict):
        for element in value.values():
            yield from _optional(shape.value, element, prefix + ("{}",))


def recorded_answers(recording):
    """{"service:Operation": {store key text: answer}} of the recording's API answers (errors left out)."""
    found = {}
    for path in sorted(Path(recording).glob("*.json")):
        if path.name == RECORDING_RUN:
            continue
        record = loads(path.read_text())
        key, answer = record["key"], record["answer"]
        if key[0] != "input" and "response" in answer:
            found.setdefault(f"{key[2]}:{key[3]}", {})[dumps(key)] = answer
    return found


def variants(recording):
    """Every variant of the recording's answers, sorted."""
    models = botocore.session.get_session()
    found = set()
    for operation, answers in recorded_answers(recording).items():
        service, name = operation.split(":")
        shape = models.get_service_model(service).operation_model(name).output_shape
        for answer in answers.values():
            found.update(Variant(operation, path, kind) for path, kind in _optional(shape, answer["response"], ()))
    return sorted(found)


def sample(all_variants, per_operation, seed):
    """At most ``per_operation`` variants of each operation, drawn with ``seed``."""
    chooser = random.Random(seed)
    by_operation = {}
    for variant in all_variants:
        by_operation.setdefault(variant.operation, []).append(variant)
    return sorted(v for group in by_operation.values()
                  for v in chooser.sample(group, min(per_operation, len(group))))


@dataclasses.dataclass
class Result:
    outcome: str
    message: str
    resources: frozenset
    exception: type = None

    @classmethod
    def of(cls, reports):
        phases = {report.when: report for report in reports}
        outcome, decisive = outcome_of(phases)
        info = getattr(decisive, "compliance", None) or {"findings": []}
        crash = getattr(decisive.longrepr, "reprcrash", None)
        message = crash.message if crash else str(decisive.longrepr or "")
        return cls(outcome, message, frozenset(f["resource"] for f in info["findings"]),
                   getattr(decisive, "exception_type", None))


def judge(variant, before, after):
    """What is wrong with ``after``, the result of a test under ``variant``
    that gave ``before`` on the recording; None when nothing is."""
    if before.outcome == "error":
        return None  # nothing to compare with (run() reports the replay's own errors)
    if after.exception is not None and not issubclass(after.exception, (OutcomeException, *SUITE_ERRORS)):
        return f"crashes: {after.message}"
    if after.outcome == "error" or after.exception is not None and issubclass(after.exception, SUITE_ERRORS):
        leaf = next(p for p in reversed(variant.path) if p not in ("[]", "{}"))
        if NOT_IN_RECORDING in after.message:
            return None  # the absence led to another question (its meaning, as AWS documents it): fails closed
        if variant.operation not in after.message or leaf not in after.message:
            return f"errors without naming {variant.operation} and {leaf}: {after.message}"
        return None
    if before.outcome in ("failed", "xfailed") and (variant.operation, variant.member) not in ABSENCE_MEANS_COMPLIANT:
        if after.outcome not in ("failed", "xfailed"):
            return f"fail-open: {before.outcome} became {after.outcome}"
        if len(after.resources) < len(before.resources):
            return f"fail-open: no longer reports {sorted(before.resources - after.resources)}"
    return None


class VariantRunner:
    """pytest plugin standing in for the run's answer store: after the
    replay's own run, re-runs the tests that read an answer each variant
    changes, with the variant's answers, and judges them."""

    def __init__(self, recording, chosen):
        self.answers = recorded_answers(recording)
        self.chosen = chosen
        self.reads = {}  # item -> store keys (text) of the answers its fixtures read
        self.before = {}  # item -> Result of the replay
        self.problems = []  # (variant, node ID, problem)
        self.runs = 0
        self.overrides = {}  # store key text -> the variant's answer
        self._phases = {}  # node ID -> the replay's reports so far
        self._replayed = {}  # node ID -> Result of the replay
        self._store = self._current = None

    @pytest.hookimpl(trylast=True)
    def pytest_sessionstart(self, session):
        run = session.config.stash[RUN]
        self._store = run.estate.store
        run.estate.store = self

    def answer(self, key, fetch, question=True, hold=True):
        """The store's answer, or the variant's in its place (the store's interface)."""
        text = dumps(key)
        if self._current is not None:
            self.reads.setdefault(self._current, set()).add(text)
        return self.overrides.get(text) or self._store.answer(key, fetch, question, hold)

    def forget(self, account_id):
        """The store's interface: fixtures/forgetting.py calls it after an account's last test."""
        self._store.forget(account_id)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        outcome.get_result().exception_type = call.excinfo.type if call.excinfo else None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self._current = item
        yield
        self._current = None

    def pytest_runtest_logreport(self, report):
        """A test's Result once its last report is in (the suite's reporting
        then drops what it carried: fixtures/reporting.py)."""
        self._phases.setdefault(report.nodeid, []).append(report)
        if report.when == "teardown":
            self._replayed[report.nodeid] = Result.of(self._phases.pop(report.nodeid))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtestloop(self, session):
        yield
        by_id = {item.nodeid: item for item in session.items}
        self.before = {by_id[node]: result for node, result in self._replayed.items() if node in by_id}
        for variant in self.chosen:
            self.overrides = {text: {"response": changed}
                              for text, answer in self.answers[variant.operation].items()
                              if (changed := variant.apply(answer["response"])) != answer["response"]}
            for item in [i for i in session.items if not self.reads.get(i, set()).isdisjoint(self.overrides)]:
                after = Result.of(runtestprotocol(item, log=False, nextitem=None))
                self.runs += 1
                problem = judge(variant, self.before[item], after)
                if problem:
                    self.problems.append((str(variant), item.nodeid, problem))
        self.overrides = {}


def run(recording, chosen, reports_dir):
    """Replay ``recording``, then each variant of ``chosen``; return the
    VariantRunner, which holds the problems found."""
    runner = VariantRunner(recording, chosen)
    pytest.main(["-p", "no:cacheprovider", "-q", "-n", "0", "--max-concurrency=1", "--tb=line", f"--rootdir={ROOT}",
                 f"--replay={recording}", f"--reports-dir={reports_dir}", str(ROOT / "controls")], plugins=[runner])
    return runner


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recording")
    parser.add_argument("--per-operation", type=int, help="sample this many variants of each operation")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--reports-dir", help="where the replay's reports go (default: a new temporary directory)")
    parser.add_argument("--output", help="write the figures and problems here as JSON")
    args = parser.parse_args()
    everything = variants(args.recording)
    chosen = sample(everything, args.per_operation, args.seed) if args.per_operation else everything
    began = time.monotonic()
    runner = run(args.recording, chosen, args.reports_dir or tempfile.mkdtemp(prefix="optional-members-"))
    figures = {"variants": len(chosen), "of": len(everything), "operations": len(runner.answers),
               "test_runs": runner.runs, "seconds": round(time.monotonic() - began, 1),
               "replay_errors": sorted(item.nodeid for item, result in runner.before.items() if result.outcome == "error"),
               "problems": runner.problems}
    for variant, node, problem in runner.problems:
        print(f"PROBLEM {variant} | {node} | {problem}")
    for node in figures["replay_errors"]:
        print(f"REPLAY ERROR {node}")
    print(f"{figures['variants']} variants of {figures['of']} ({figures['operations']} operations), "
          f"{figures['test_runs']} test runs, {figures['seconds']} s, {len(runner.problems)} problems")
    if args.output:
        Path(args.output).write_text(json.dumps(figures, indent=1))
    sys.exit(1 if runner.problems or figures["replay_errors"] else 0)


if __name__ == "__main__":
    main()
