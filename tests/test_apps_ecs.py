"""The ECS controls (controls/containers), proven against moto."""

from compliance.demo.seed_apps import container, ecs_cluster, ecs_service, ecs_task_definition
from tests.apps import dev_after_prod_passed, findings
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROLS = {"ecs-host-network-non-root", "ecs-no-host-pid", "ecs-container-not-privileged",
            "ecs-read-only-root-filesystem", "ecs-task-logging", "ecs-service-no-public-ip",
            "ecs-fargate-latest-platform", "ecs-container-insights"}
TASK_CONTROLS = {"ecs-host-network-non-root", "ecs-no-host-pid", "ecs-container-not-privileged",
                 "ecs-read-only-root-filesystem", "ecs-task-logging"}
SERVICE_CONTROLS = {"ecs-service-no-public-ip", "ecs-fargate-latest-platform"}
TASKS = "controls/containers/test_ecs_task_definitions.py"
SERVICES = "controls/containers/test_ecs_services.py"
CLUSTERS = "controls/containers/test_ecs_clusters.py"
OTHER_REGION = "us-east-1"


def seed_compliant(seeder, account, region=REGION):
    ecs_task_definition(seeder, account, region, "web", [container()], networkMode="awsvpc")
    ecs_task_definition(seeder, account, region, "proxy", [container("proxy", user="nginx")], networkMode="host")
    cluster = ecs_cluster(seeder, account, region, "web")["clusterArn"]
    ecs_service(seeder, account, region, cluster, "web", "web")
    ecs_service(seeder, account, region, cluster, "pinned", "web", platformVersion="1.4.0")
    ecs_service(seeder, account, region, cluster, "spot", "web", launchType=None, platformVersion="1.4.0",
                capacityProviderStrategy=[{"capacityProvider": "FARGATE_SPOT", "weight": 1}])
    ecs_service(seeder, account, region, cluster, "on-instances", "web", launchType="EC2", platformVersion=None)


def test_hardened_tasks_services_and_clusters_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline,
                                                                       run_suite):
    seed_compliant(seeder, PROD)
    ecs_task_definition(seeder, DEV, REGION, "agent", [container("agent", user="root:root"), container("sidecar")],
                        networkMode="host")
    ecs_task_definition(seeder, DEV, REGION, "debug", [container()], pidMode="host")
    ecs_task_definition(seeder, DEV, REGION, "builder", [container("docker", privileged=True)])
    ecs_task_definition(seeder, DEV, REGION, "writer", [container("writer", readonlyRootFilesystem=None)])
    ecs_task_definition(seeder, DEV, REGION, "privileged-once", [container("docker", privileged=True)])
    ecs_task_definition(seeder, DEV, REGION, "privileged-once", [container()])  # an older revision is not judged
    ecs_task_definition(seeder, DEV, REGION, "quiet", [container("quiet", logConfiguration=None), container()])
    cluster = ecs_cluster(seeder, DEV, REGION, "tools", insights="disabled")["clusterArn"]
    ecs_cluster(seeder, DEV, REGION, "unset", insights=None)
    ecs_service(seeder, DEV, REGION, cluster, "exposed", "debug", public_ip=True)
    ecs_service(seeder, DEV, REGION, cluster, "old", "debug", platformVersion="1.3.0")
    suite = run_suite(TASKS, SERVICES, CLUSTERS, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    task = f"arn:aws:ecs:{REGION}:{DEV}:task-definition/"
    service = f"arn:aws:ecs:{REGION}:{DEV}:service/tools/"
    assert findings(dev) == {
        "ecs-host-network-non-root": [(task + "agent:1", "container agent runs as root in host network mode")],
        "ecs-no-host-pid": [(task + "debug:1", "its containers share the host's process namespace (pidMode host)")],
        "ecs-container-not-privileged": [(task + "builder:1", "container docker runs privileged")],
        "ecs-read-only-root-filesystem": [(task + "writer:1", "container writer has a writable root filesystem")],
        "ecs-task-logging": [(task + "quiet:1", "container quiet has no log configuration")],
        "ecs-service-no-public-ip": [(service + "exposed", "its tasks get public IP addresses (assignPublicIp ENABLED)")],
        "ecs-fargate-latest-platform": [
            (service + "old", "it runs on Fargate platform version 1.3.0, not the latest LINUX version 1.4.0")],
        "ecs-container-insights": [(f"arn:aws:ecs:{REGION}:{DEV}:cluster/tools", "Container Insights is disabled"),
                                   (f"arn:aws:ecs:{REGION}:{DEV}:cluster/unset", "Container Insights is disabled")]}
    assert "aws ecs register-task-definition" in dev["ecs-no-host-pid"]["findings"][0]["fix"]


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in (REGION, OTHER_REGION):
            seed_compliant(seeder, account, region)
    faults = {(PROD, REGION): "ListTaskDefinitions", (PROD, OTHER_REGION): "DescribeTaskDefinition",
              (DEV, REGION): "ListClusters", (DEV, OTHER_REGION): "DescribeServices"}
    for (account, region), operation in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service="ecs", operation=operation,
                         account=account, region=region)
    suite = run_suite(TASKS, SERVICES, CLUSTERS,
                      baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), TASK_CONTROLS, "ecs:ListTaskDefinitions")
    assert_unreadable(suite.by_control(f"prod-{PROD}-{OTHER_REGION}"), TASK_CONTROLS, "ecs:DescribeTaskDefinition")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), SERVICE_CONTROLS | {"ecs-container-insights"},
                      "ecs:ListClusters")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{OTHER_REGION}"), SERVICE_CONTROLS, "ecs:DescribeServices")
