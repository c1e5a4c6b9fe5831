"""The demo's application services (controls/containers, controls/serverless,
controls/devtools): prod builds them by the book, dev breaks each rule once.
The helpers build one resource each, compliant unless told otherwise, so
that the self-tests seed the same shapes."""

import json

from compliance.demo.organization import IDS, create_function

REGION = "eu-west-1"
LIFECYCLE = json.dumps({"rules": [{"rulePriority": 1, "description": "expire untagged images",
                                   "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                                 "countUnit": "days", "countNumber": 14},
                                   "action": {"type": "expire"}}]})


def ecr_repository(seeder, account_id, region, name, scan_on_push=True, immutable=True, lifecycle=True):
    ecr = seeder.client("ecr", account_id, region)
    ecr.create_repository(repositoryName=name, imageScanningConfiguration={"scanOnPush": scan_on_push},
                          imageTagMutability="IMMUTABLE" if immutable else "MUTABLE")
    if lifecycle:
        ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=LIFECYCLE)


def eks_cluster(seeder, account_id, region, name, version="1.34", public=False, secrets_key=True, audit=True):
    """A cluster with a private endpoint, secrets encrypted with a new KMS key and its audit log on."""
    role = f"arn:aws:iam::{account_id}:role/{name}-cluster"
    options = {}
    if secrets_key:
        key = seeder.client("kms", account_id, region).create_key(Description=f"{name} secrets")["KeyMetadata"]["Arn"]
        options["encryptionConfig"] = [{"resources": ["secrets"], "provider": {"keyArn": key}}]
    seeder.client("eks", account_id, region).create_cluster(
        name=name, version=version, roleArn=role,
        resourcesVpcConfig={"subnetIds": [], "endpointPublicAccess": public, "endpointPrivateAccess": True},
        logging={"clusterLogging": [{"types": ["api", "audit"] if audit else ["api"], "enabled": True}]}, **options)


def container(name="app", **settings):
    """A container definition following every rule: a non-root user, a
    read-only root filesystem and CloudWatch logs; ``settings`` override."""
    found = {"name": name, "image": "public.ecr.aws/nginx/nginx:latest", "memory": 256, "user": "1000:1000",
             "readonlyRootFilesystem": True,
             "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": f"/ecs/{name}",
                                                                      "awslogs-region": REGION,
                                                                      "awslogs-stream-prefix": name}}}
    found.update(settings)
    return {k: v for k, v in found.items() if v is not None}


def ecs_task_definition(seeder, account_id, region, family, containers, **options):
    seeder.client("ecs", account_id, region).register_task_definition(
        family=family, containerDefinitions=containers, **options)


def ecs_cluster(seeder, account_id, region, name, insights="enhanced"):
    settings = [{"name": "containerInsights", "value": insights}] if insights else []
    return seeder.client("ecs", account_id, region).create_cluster(clusterName=name, settings=settings)["cluster"]


def default_network(seeder, account_id, region):
    """``awsvpcConfiguration`` in a subnet and the default security group of
    the region's default VPC (which already exists: the demo's EC2 seeding asks for it first)."""
    ec2 = seeder.client("ec2", account_id, region)
    subnet = min(ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"],
                 key=lambda s: s["SubnetId"])
    (group,) = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [subnet["VpcId"]]},
                                                     {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]
    return {"subnets": [subnet["SubnetId"]], "securityGroups": [group["GroupId"]]}


def ecs_service(seeder, account_id, region, cluster, name, family, public_ip=False, **options):
    """A Fargate service (platform LATEST unless ``options`` say otherwise; None leaves an option out) in
    the awsvpc network mode."""
    options = {k: v for k, v in {"launchType": "FARGATE", "platformVersion": "LATEST", **options}.items()
               if v is not None}
    seeder.client("ecs", account_id, region).create_service(
        cluster=cluster, serviceName=name, taskDefinition=family, desiredCount=1, **options,
        networkConfiguration={"awsvpcConfiguration": {**default_network(seeder, account_id, region),
                                                      "assignPublicIp": "ENABLED" if public_ip else "DISABLED"}})


def seed_containers(seeder):
    """prod: a scanned, immutable, expiring repository; a private, current,
    encrypted and audited cluster; a hardened Fargate service. dev: a mutable
    repository nobody scans or expires; a public EKS cluster on an
    unsupported version without secrets encryption or audit log; a task
    definition breaking every container rule behind a public service on an
    old platform version, in a cluster without Container Insights."""
    prod, dev = IDS["prod"], IDS["dev"]
    ecr_repository(seeder, prod, REGION, "web")
    ecr_repository(seeder, dev, REGION, "scratch", scan_on_push=False, immutable=False, lifecycle=False)
    eks_cluster(seeder, prod, REGION, "platform")
    eks_cluster(seeder, dev, REGION, "sandbox", version="1.29", public=True, secrets_key=False, audit=False)
    ecs_task_definition(seeder, prod, REGION, "web", [container()], networkMode="awsvpc",
                        requiresCompatibilities=["FARGATE"], cpu="256", memory="512")
    ecs_cluster(seeder, prod, REGION, "web")
    ecs_service(seeder, prod, REGION, "web", "web", "web")
    ecs_task_definition(seeder, dev, REGION, "agent", [container(user=None, privileged=True,
                                                                 readonlyRootFilesystem=None,
                                                                 logConfiguration=None)],
                        networkMode="host", pidMode="host")
    ecs_task_definition(seeder, dev, REGION, "api", [container()], networkMode="awsvpc",
                        requiresCompatibilities=["FARGATE"], cpu="256", memory="512")
    ecs_cluster(seeder, dev, REGION, "tools", insights=None)
    ecs_service(seeder, dev, REGION, "tools", "api", "api", public_ip=True, platformVersion="1.3.0")


def default_subnets(seeder, account_id, region, zones=2):
    """Subnets of the region's default VPC, one in each of the first ``zones`` Availability Zones."""
    subnets = seeder.client("ec2", account_id, region).describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
    return [s["SubnetId"] for s in sorted(subnets, key=lambda s: s["AvailabilityZone"])[:zones]]


def lambda_function(seeder, account_id, region, name, runtime="python3.12", zones=2):
    """A function in ``zones`` Availability Zones of the default VPC (0: outside any VPC) on ``runtime``."""
    options = {"VpcConfig": {"SubnetIds": default_subnets(seeder, account_id, region, zones),
                             "SecurityGroupIds": default_network(seeder, account_id, region)["securityGroups"]}}
    functions = create_function(seeder, account_id, region, name, **(options if zones else {}))
    if runtime != "python3.12":
        functions.update_function_configuration(FunctionName=name, Runtime=runtime)


def sns_topic(seeder, account_id, region, name, encrypted=True, delivery_logging=True):
    sns = seeder.client("sns", account_id, region)
    attributes = {"KmsMasterKeyId": "alias/aws/sns"} if encrypted else {}
    if delivery_logging:
        attributes["SQSFailureFeedbackRoleArn"] = f"arn:aws:iam::{account_id}:role/sns-delivery-logs"
    return sns.create_topic(Name=name, Attributes=attributes)["TopicArn"]


def sqs_queue(seeder, account_id, region, name, encryption="sqs"):
    """A queue encrypted by SQS (``encryption`` "sqs"), with a KMS key ("kms") or not at all (None)."""
    attributes = {"sqs": {}, "kms": {"KmsMasterKeyId": "alias/aws/sqs"},
                  None: {"SqsManagedSseEnabled": "false"}}[encryption]
    seeder.client("sqs", account_id, region).create_queue(QueueName=name, Attributes=attributes)


def log_group_arn(account_id, region, name):
    return f"arn:aws:logs:{region}:{account_id}:log-group:{name}"


def rest_api_stage(seeder, account_id, region, name, logging="ERROR", certificate=True, tracing=True, waf=True,
                   cache="encrypted", method_logging=None):
    """A REST API with one MOCK method deployed to stage "prod", which writes
    access logs and whose settings follow every rule unless told otherwise:
    ``logging`` (None: off), a backend ``certificate``, X-Ray ``tracing``, a
    ``waf`` web ACL, a ``cache`` ("encrypted", "plain" or None) and
    ``method_logging`` (a level for GET /, overriding the stage's)."""
    gateway = seeder.client("apigateway", account_id, region)
    api_id = gateway.create_rest_api(name=name)["id"]
    root = gateway.get_resources(restApiId=api_id)["items"][0]["id"]
    gateway.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="AWS_IAM")
    gateway.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
    gateway.create_deployment(restApiId=api_id, stageName="prod")
    patches = [("/accessLogSettings/destinationArn", log_group_arn(account_id, region, f"/apigateway/{name}")),
               ("/accessLogSettings/format", "$context.requestId"), ("/tracingEnabled", str(tracing).lower())]
    if logging:
        patches.append(("/*/*/logging/loglevel", logging))
    if method_logging:
        patches.append(("/~1/GET/logging/loglevel", method_logging))
    if certificate:
        patches.append(("/clientCertificateId", f"{name}-backend"))
    if cache:
        patches += [("/*/*/caching/enabled", "true"), ("/*/*/caching/dataEncrypted", str(cache == "encrypted").lower())]
    gateway.update_stage(restApiId=api_id, stageName="prod",
                         patchOperations=[{"op": "replace", "path": path, "value": value} for path, value in patches])
    if waf:
        waf_client = seeder.client("wafv2", account_id, region)
        acl = waf_client.create_web_acl(Name=name, Scope="REGIONAL", DefaultAction={"Allow": {}}, VisibilityConfig={
            "SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name})["Summary"]["ARN"]
        waf_client.associate_web_acl(WebACLArn=acl,
                                     ResourceArn=f"arn:aws:apigateway:{region}::/restapis/{api_id}/stages/prod")
    return api_id


def v2_api(seeder, account_id, region, name, protocol="HTTP", authorization="AWS_IAM", logging="ERROR"):
    """An HTTP API with a GET /orders route, or a WebSocket API with its
    $connect and $default routes (``authorization`` for GET /orders or
    $connect), with a stage "prod" that writes access logs and execution
    logs at ``logging`` (WebSocket; None: off)."""
    gateway = seeder.client("apigatewayv2", account_id, region)
    websocket = protocol == "WEBSOCKET"
    api_id = gateway.create_api(Name=name, ProtocolType=protocol,
                                **({"RouteSelectionExpression": "$request.body.action"} if websocket else {}))["ApiId"]
    gateway.create_route(ApiId=api_id, RouteKey="$connect" if websocket else "GET /orders",
                         AuthorizationType=authorization)
    if websocket:
        gateway.create_route(ApiId=api_id, RouteKey="$default")
    settings = {"DefaultRouteSettings": {"LoggingLevel": logging}} if websocket and logging else {}
    gateway.create_stage(ApiId=api_id, StageName="prod", AccessLogSettings={
        "DestinationArn": log_group_arn(account_id, region, f"/apigateway/{name}"), "Format": "$context.requestId"},
        **settings)
    return api_id


def graphql_api(seeder, account_id, region, name, field_logging="ERROR", cache="encrypted"):
    """A GraphQL API logging its resolvers at ``field_logging`` (None: no log
    configuration) with a cache ("encrypted", "plain" or None)."""
    appsync = seeder.client("appsync", account_id, region)
    logging = {"logConfig": {"fieldLogLevel": field_logging,
                             "cloudWatchLogsRoleArn": f"arn:aws:iam::{account_id}:role/appsync-logs"}}
    api_id = appsync.create_graphql_api(name=name, authenticationType="AWS_IAM",
                                        **(logging if field_logging else {}))["graphqlApi"]["apiId"]
    if cache:
        appsync.create_api_cache(apiId=api_id, ttl=300, apiCachingBehavior="FULL_REQUEST_CACHING", type="SMALL",
                                 atRestEncryptionEnabled=cache == "encrypted")


def state_machine(seeder, account_id, region, name, logging="ERROR"):
    """A one-state machine logging its executions at ``logging`` (None: no logging configuration)."""
    options = {"loggingConfiguration": {"level": logging, "includeExecutionData": False, "destinations": [
        {"cloudWatchLogsLogGroup": {"logGroupArn": log_group_arn(account_id, region, f"/states/{name}")}}]}}
    seeder.client("stepfunctions", account_id, region).create_state_machine(
        name=name, roleArn=f"arn:aws:iam::{account_id}:role/{name}-states",
        definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}),
        **(options if logging else {}))


def user_pool(seeder, account_id, region, name, threat_protection="ENFORCED"):
    """A user pool whose threat protection is ``threat_protection`` (None: no add-ons)."""
    add_ons = {"UserPoolAddOns": {"AdvancedSecurityMode": threat_protection}} if threat_protection else {}
    seeder.client("cognito-idp", account_id, region).create_user_pool(PoolName=name, **add_ons)


def seed_serverless(seeder):
    """log-archive runs a function in two Availability Zones of its VPC on a
    current runtime; dev runs one on Python 3.9 in one zone (its mailer is
    outside any VPC). prod's order topic and queue are encrypted, the
    topic logs deliveries; dev's are neither. prod's REST, HTTP and
    WebSocket APIs follow every rule; dev's REST API breaks each, and its
    WebSocket API lets anyone connect. prod's GraphQL API, state machine and
    user pool log, encrypt and enforce; dev's do none of it."""
    log_archive, prod, dev = IDS["log-archive"], IDS["prod"], IDS["dev"]
    lambda_function(seeder, log_archive, REGION, "log-forwarder")
    lambda_function(seeder, dev, REGION, "legacy-report", runtime="python3.9", zones=1)
    sns_topic(seeder, prod, REGION, "order-updates")
    sqs_queue(seeder, prod, REGION, "order-updates", encryption="kms")
    sns_topic(seeder, dev, REGION, "test-updates", encrypted=False, delivery_logging=False)
    sqs_queue(seeder, dev, REGION, "test-updates", encryption=None)
    rest_api_stage(seeder, prod, REGION, "orders")
    v2_api(seeder, prod, REGION, "orders-http")
    v2_api(seeder, prod, REGION, "orders-live", protocol="WEBSOCKET")
    rest_api_stage(seeder, dev, REGION, "test-orders", logging=None, certificate=False, tracing=False, waf=False,
                   cache="plain")
    v2_api(seeder, dev, REGION, "test-orders-live", protocol="WEBSOCKET", authorization="NONE")
    graphql_api(seeder, prod, REGION, "catalog")
    graphql_api(seeder, dev, REGION, "test-catalog", field_logging=None, cache="plain")
    state_machine(seeder, prod, REGION, "fulfilment")
    state_machine(seeder, dev, REGION, "test-fulfilment", logging=None)
    user_pool(seeder, prod, REGION, "customers")
    user_pool(seeder, dev, REGION, "testers", threat_protection="AUDIT")


def codebuild_project(seeder, account_id, region, name, location="https://bitbucket.org/acme/app.git",
                      variables=None, privileged=False, logs=None):
    """A Bitbucket project with PLAINTEXT ``variables`` ({name: value}) and
    ``logs`` (its logsConfig; None: CodeBuild's default, CloudWatch Logs)."""
    environment = {"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                   "computeType": "BUILD_GENERAL1_SMALL", "privilegedMode": privileged,
                   "environmentVariables": [{"name": k, "value": v, "type": "PLAINTEXT"}
                                            for k, v in (variables or {}).items()]}
    seeder.client("codebuild", account_id, region).create_project(
        name=name, source={"type": "BITBUCKET", "location": location}, artifacts={"type": "NO_ARTIFACTS"},
        environment=environment, serviceRole=f"arn:aws:iam::{account_id}:role/{name}-build",
        **({"logsConfig": logs} if logs else {}))


def custom_subnet(seeder, account_id, region):
    """A subnet of a VPC of the region that is not its default VPC (one is made when there is none)."""
    ec2 = seeder.client("ec2", account_id, region)
    custom = sorted(v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"])
    if not custom:
        custom = [ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]]
        ec2.create_subnet(VpcId=custom[0], CidrBlock="10.30.1.0/24")
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [custom[0]]}])["Subnets"]
    return min(s["SubnetId"] for s in subnets)


def notebook_instance(seeder, account_id, region, name, vpc="custom", direct_internet=False, root=False):
    """A notebook instance in a subnet of a ``vpc`` ("custom", "default" or None: no VPC)."""
    options = {}
    if vpc:
        subnet = custom_subnet(seeder, account_id, region) if vpc == "custom" else \
            default_subnets(seeder, account_id, region, 1)[0]
        options = {"SubnetId": subnet, "SecurityGroupIds": default_network(seeder, account_id, region)["securityGroups"]}
    seeder.client("sagemaker", account_id, region).create_notebook_instance(
        NotebookInstanceName=name, InstanceType="ml.t3.medium", RoleArn=f"arn:aws:iam::{account_id}:role/{name}-notebook",
        DirectInternetAccess="Enabled" if direct_internet else "Disabled", RootAccess="Enabled" if root else "Disabled",
        **options)


def sagemaker_model(seeder, account_id, region, name, isolated=True, instances=2):
    """A network-isolated (unless told otherwise) model and an endpoint configuration of ``instances`` for it."""
    sagemaker = seeder.client("sagemaker", account_id, region)
    sagemaker.create_model(ModelName=name, ExecutionRoleArn=f"arn:aws:iam::{account_id}:role/{name}-model",
                           PrimaryContainer={"Image": f"{account_id}.dkr.ecr.{region}.amazonaws.com/{name}:1"},
                           EnableNetworkIsolation=isolated)
    sagemaker.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[
        {"VariantName": "primary", "ModelName": name, "InitialInstanceCount": instances,
         "InstanceType": "ml.m5.large"}])


def beanstalk_environment(seeder, account_id, region, application, name, enhanced=True, stream_logs=True):
    """An environment (of a new or existing ``application``) with enhanced health and log streaming unless told otherwise."""
    beanstalk = seeder.client("elasticbeanstalk", account_id, region)
    if not beanstalk.describe_applications(ApplicationNames=[application])["Applications"]:
        beanstalk.create_application(ApplicationName=application)
    options = [("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced" if enhanced else "basic")]
    if stream_logs:
        options.append(("aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs", "true"))
    beanstalk.create_environment(ApplicationName=application, EnvironmentName=name,
                                 SolutionStackName="64bit Amazon Linux 2023 v4.3.0 running Python 3.12",
                                 OptionSettings=[{"Namespace": ns, "OptionName": o, "Value": v} for ns, o, v in options])


def report_group(seeder, account_id, region, name, encrypted=True):
    """A test report group exporting to S3, encrypted unless told otherwise."""
    seeder.client("codebuild", account_id, region).create_report_group(
        name=name, type="TEST", exportConfig={"exportConfigType": "S3", "s3Destination": {
            "bucket": f"{name}-reports", "encryptionDisabled": not encrypted}})


def seed_devtools(seeder):
    """prod builds from a clean URL with CloudWatch logs; dev's project
    carries a Bitbucket app password in its URL and an AWS key in its
    variables, runs privileged and writes unencrypted logs to S3 only, and
    its nightly build logs nowhere. prod's report group exports encrypted,
    dev's not. prod's notebook runs in its shop VPC without internet or
    root, its model is isolated on two instances; dev's notebook is outside
    any VPC with internet and root, its model unisolated on one instance.
    prod's Beanstalk environment reports enhanced health and streams its
    logs; dev's does neither."""
    codebuild_project(seeder, IDS["prod"], REGION, "web-build", variables={"STAGE": "prod"})
    codebuild_project(seeder, IDS["dev"], REGION, "test-build",
                      location="https://ci:" + "Demo0Leaked0App0Password" + "@bitbucket.org/acme/app.git",
                      variables={"AWS_SECRET_ACCESS_KEY": "Demo0Leaked0Secret0Access0Key0000000000"}, privileged=True,
                      logs={"cloudWatchLogs": {"status": "DISABLED"},
                            "s3Logs": {"status": "ENABLED", "location": "dev-build-logs/test-build",
                                       "encryptionDisabled": True}})
    codebuild_project(seeder, IDS["dev"], REGION, "nightly-build", logs={"cloudWatchLogs": {"status": "DISABLED"},
                                                                         "s3Logs": {"status": "DISABLED"}})
    report_group(seeder, IDS["prod"], REGION, "web-tests")
    report_group(seeder, IDS["dev"], REGION, "test-tests", encrypted=False)
    notebook_instance(seeder, IDS["prod"], REGION, "research")
    sagemaker_model(seeder, IDS["prod"], REGION, "churn")
    notebook_instance(seeder, IDS["dev"], REGION, "sandbox", vpc=None, direct_internet=True, root=True)
    sagemaker_model(seeder, IDS["dev"], REGION, "churn-test", isolated=False, instances=1)
    beanstalk_environment(seeder, IDS["prod"], REGION, "storefront", "storefront-prod")
    beanstalk_environment(seeder, IDS["dev"], REGION, "storefront", "storefront-dev", enhanced=False, stream_logs=False)


def seed_apps(seeder):
    seed_containers(seeder)
    seed_serverless(seeder)
    seed_devtools(seeder)
