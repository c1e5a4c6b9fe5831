"""Where moto differs from AWS for the application services' controls
(controls/containers, controls/serverless, controls/devtools), make it match
the AWS API reference. Each patch is tested in the tests of the controls
that depend on it (tests/test_apps_*.py).

- eks:DescribeClusterVersions is missing from moto. Here it serves
  ``EKS_VERSIONS``: stand-ins for EKS's support calendar (with the statuses
  AWS's API reference names), not its current one.
- ecr:BatchGetRepositoryScanningConfiguration: AWS reports a repository
  created (or put) with ``scanOnPush`` true as scanned on push; moto always
  reports scanOnPush false.
- eks:CreateCluster / DescribeCluster: AWS defaults endpointPublicAccess to
  true, endpointPrivateAccess to false and publicAccessCidrs to 0.0.0.0/0,
  and always reports them; moto reports only what the caller gave.
- sns:GetTopicAttributes: AWS reports the delivery status logging attributes
  (``<Protocol>SuccessFeedbackRoleArn``, ``<Protocol>FailureFeedbackRoleArn``,
  ``<Protocol>SuccessFeedbackSampleRate``) that were set; moto keeps them
  but never reports them.
- apigateway:UpdateStage / GetStages: AWS keeps and reports a stage's
  ``clientCertificateId`` (patch path /clientCertificateId); moto drops it.
- codebuild:BatchGetProjects: AWS reports every project's ``logsConfig``,
  CloudWatch Logs enabled and S3 disabled unless set; moto reports it only
  when the project was created with one.
- sagemaker:CreateNotebookInstance / DescribeNotebookInstance: AWS defaults
  ``RootAccess`` to Enabled and reports it; moto leaves it out.
- sagemaker:CreateModel / DescribeModel: AWS keeps ``EnableNetworkIsolation``;
  moto always reports false.
- codebuild:CreateReportGroup / ListReportGroups / BatchGetReportGroups
  (report groups) are missing from moto; here a region keeps its report
  groups with their exportConfig.
- elasticbeanstalk:DescribeConfigurationSettings is missing from moto. Here
  an environment keeps the OptionSettings it was created with and reports
  them over AWS's defaults for the options the controls read
  (``BEANSTALK_DEFAULTS``: basic health reporting, no log streaming).
"""

import json

from moto.apigateway import models as apigateway_models
from moto.codebuild import models as codebuild_models
from moto.codebuild import responses as codebuild_responses
from moto.core.responses import ActionResult
from moto.core.utils import camelcase_to_underscores
from moto.ecr import models as ecr_models
from moto.eks import models as eks_models
from moto.eks import responses as eks_responses
from moto.eks import urls as eks_urls
from moto.elasticbeanstalk import responses as beanstalk_responses
from moto.sagemaker import models as sagemaker_models
from moto.sagemaker import responses as sagemaker_responses
from moto.sns import responses as sns_responses

EKS_VERSIONS = {"1.34": "STANDARD_SUPPORT", "1.33": "STANDARD_SUPPORT", "1.32": "EXTENDED_SUPPORT",
                "1.31": "EXTENDED_SUPPORT", "1.29": "UNSUPPORTED"}
FEEDBACK_ATTRIBUTES = [f"{protocol}{name}" for protocol in ("Application", "HTTP", "Lambda", "SQS", "Firehose")
                       for name in ("SuccessFeedbackRoleArn", "FailureFeedbackRoleArn", "SuccessFeedbackSampleRate")]
_applied = False


def _describe_cluster_versions(self):
    """GET /cluster-versions (every version: the demo's callers ask includeAll)."""
    versions = [{"clusterVersion": version, "clusterType": "eks", "versionStatus": status,
                 "status": status.lower().replace("_", "-"), "defaultVersion": version == "1.34"}
                for version, status in EKS_VERSIONS.items()]
    return 200, {}, json.dumps({"clusterVersions": versions})


def _scan_on_push_reported(original):
    def batch_get_repository_scanning_configuration(self, names):
        configs, failing = original(self, names)
        return [{**config, "scanOnPush": bool(self._get_repository(name=config["repositoryName"], registry_id=None)
                                              .image_scanning_configuration.get("scanOnPush"))}
                for config in configs], failing
    return batch_get_repository_scanning_configuration


def _endpoint_defaults(original):
    def __init__(self, *args, resources_vpc_config, **kwargs):
        original(self, *args, resources_vpc_config={"endpointPublicAccess": True, "endpointPrivateAccess": False,
                                                     "publicAccessCidrs": ["0.0.0.0/0"], **resources_vpc_config},
                 **kwargs)
    return __init__


def _with_feedback_attributes(original):
    def get_topic_attributes(self):
        answer = original(self)
        topic = self.backend.get_topic(self._get_param("TopicArn"))
        for name in FEEDBACK_ATTRIBUTES:
            value = getattr(topic, camelcase_to_underscores(name), None)
            if value is not None:
                answer.result["Attributes"][name] = value
        return answer
    return get_topic_attributes


def _keeping_client_certificate(original):
    def apply_operations(self, patch_operations):
        for op in patch_operations:
            if op["path"] == "/clientCertificateId":
                self.client_certificate_id = op.get("value") if op["op"] == "replace" else None
        return original(self, [op for op in patch_operations if op["path"] != "/clientCertificateId"])
    return apply_operations


def _reporting_client_certificate(original):
    def to_json(self):
        found = original(self)
        if getattr(self, "client_certificate_id", None):
            found["clientCertificateId"] = self.client_certificate_id
        return found
    return to_json


def _default_logs_config(original):
    def __init__(self, *args, logs_config=None, **kwargs):
        original(self, *args, logs_config=logs_config or DEFAULT_LOGS_CONFIG, **kwargs)
    return __init__


DEFAULT_LOGS_CONFIG = {"cloudWatchLogs": {"status": "ENABLED"}, "s3Logs": {"status": "DISABLED"}}


def _root_access_defaults_to_enabled(original):
    def __init__(self, *args, root_access=None, **kwargs):
        original(self, *args, root_access=root_access or "Enabled", **kwargs)
    return __init__


def _keeping_network_isolation(original):
    def create_model(self):
        answer = original(self)
        model = self.sagemaker_backend.describe_model(self._get_param("ModelName"))
        model.enable_network_isolation = bool(self._get_param("EnableNetworkIsolation"))
        return answer
    return create_model


BEANSTALK_DEFAULTS = [
    {"Namespace": "aws:elasticbeanstalk:healthreporting:system", "OptionName": "SystemType", "Value": "basic"},
    {"Namespace": "aws:elasticbeanstalk:cloudwatch:logs", "OptionName": "StreamLogs", "Value": "false"}]


def _keeping_option_settings(original):
    def create_environment(self):
        answer = original(self)
        application = self.elasticbeanstalk_backend.applications[self._get_param("ApplicationName")]
        application.environments[self._get_param("EnvironmentName")].option_settings = self._get_param(
            "OptionSettings", [])
        return answer
    return create_environment


def _describe_configuration_settings(self):
    application = self.elasticbeanstalk_backend.applications[self._get_param("ApplicationName")]
    environment = application.environments[self._get_param("EnvironmentName")]
    given = {(o["Namespace"], o["OptionName"]): o for o in environment.option_settings}
    options = [given.pop((o["Namespace"], o["OptionName"]), o) for o in BEANSTALK_DEFAULTS] + list(given.values())
    return ActionResult({"ConfigurationSettings": [{
        "ApplicationName": application.application_name, "EnvironmentName": environment.environment_name,
        "SolutionStackName": environment.solution_stack_name, "DeploymentStatus": "deployed",
        "OptionSettings": options}]})


def _report_groups(response):
    """The report groups of the response's account and region, by ARN."""
    backend = response.codebuild_backend
    if not hasattr(backend, "report_groups"):
        backend.report_groups = {}
    return backend.report_groups


def _create_report_group(self):
    arn = f"arn:aws:codebuild:{self.region}:{self.current_account}:report-group/{self._get_param('name')}"
    group = {"arn": arn, "name": self._get_param("name"), "type": self._get_param("type"),
             "exportConfig": self._get_param("exportConfig"), "status": "ACTIVE"}
    _report_groups(self)[arn] = group
    return ActionResult({"reportGroup": group})


def _list_report_groups(self):
    return ActionResult({"reportGroups": sorted(_report_groups(self))})


def _batch_get_report_groups(self):
    groups = _report_groups(self)
    arns = self._get_param("reportGroupArns")
    return ActionResult({"reportGroups": [groups[a] for a in arns if a in groups],
                         "reportGroupsNotFound": [a for a in arns if a not in groups]})


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    eks_responses.EKSResponse.describe_cluster_versions = _describe_cluster_versions
    eks_urls.url_paths["{0}/cluster-versions$"] = eks_responses.EKSResponse.dispatch
    eks_models.Cluster.__init__ = _endpoint_defaults(eks_models.Cluster.__init__)
    sns_responses.SNSResponse.get_topic_attributes = _with_feedback_attributes(
        sns_responses.SNSResponse.get_topic_attributes)
    stage = apigateway_models.Stage
    stage.apply_operations = _keeping_client_certificate(stage.apply_operations)
    stage.to_json = _reporting_client_certificate(stage.to_json)
    codebuild_models.CodeBuild.__init__ = _default_logs_config(codebuild_models.CodeBuild.__init__)
    notebook = sagemaker_models.FakeSagemakerNotebookInstance
    notebook.__init__ = _root_access_defaults_to_enabled(notebook.__init__)
    responses = sagemaker_responses.SageMakerResponse
    responses.create_model = _keeping_network_isolation(responses.create_model)
    codebuild = codebuild_responses.CodeBuildResponse
    codebuild.create_report_group = _create_report_group
    codebuild.list_report_groups = _list_report_groups
    codebuild.batch_get_report_groups = _batch_get_report_groups
    beanstalk = beanstalk_responses.EBResponse
    beanstalk.create_environment = _keeping_option_settings(beanstalk.create_environment)
    beanstalk.describe_configuration_settings = _describe_configuration_settings
    backend = ecr_models.ECRBackend
    backend.batch_get_repository_scanning_configuration = _scan_on_push_reported(
        backend.batch_get_repository_scanning_configuration)
    _applied = True
