"""ECS task definitions (the latest ACTIVE revision of each family): host
networking without root, no host process namespace, no privileged
containers, read-only root filesystems and a log configuration."""

import pytest

from controls.judging import judge_each

KEYS = ("taskDefinitionArn", "networkMode", "pidMode", "containerDefinitions")
REGISTER = ("register the new revision (aws ecs register-task-definition --cli-input-json file://task.json) "
            "and update the services to it")


def _containers(definition, breaks, what):
    """The problem of a definition whose containers ``breaks``: None, or ``what`` naming them."""
    names = [c["name"] for c in definition.get("containerDefinitions", []) if breaks(c)]
    return f"container {', '.join(names)} {what}" if names else None


def _runs_as_root(container):
    user = container.get("user") or "root"  # absent: the image's user, root unless the image says otherwise
    return user.split(":", 1)[0] in ("root", "0")


def _judge(evidence, definitions, problem, fix):
    judge_each(evidence, "task_definitions", definitions, KEYS, problem, lambda d: f"{fix}; {REGISTER}")


@pytest.mark.control("ecs-host-network-non-root")
def test_ecs_host_network_non_root(ecs_task_definitions, evidence):
    _judge(evidence, ecs_task_definitions,
           lambda d: _containers(d, _runs_as_root, "runs as root in host network mode")
           if d.get("networkMode") == "host" else None,
           "set \"user\" to a non-root user (for example \"1000:1000\") or use the awsvpc network mode")


@pytest.mark.control("ecs-no-host-pid")
def test_ecs_no_host_pid(ecs_task_definitions, evidence):
    _judge(evidence, ecs_task_definitions,
           lambda d: "its containers share the host's process namespace (pidMode host)"
           if d.get("pidMode") == "host" else None,
           "remove \"pidMode\": \"host\"")


@pytest.mark.control("ecs-container-not-privileged")
def test_ecs_container_not_privileged(ecs_task_definitions, evidence):
    _judge(evidence, ecs_task_definitions, lambda d: _containers(d, lambda c: c.get("privileged"), "runs privileged"),
           "remove \"privileged\": true and grant only the capabilities needed (linuxParameters.capabilities)")


@pytest.mark.control("ecs-read-only-root-filesystem")
def test_ecs_read_only_root_filesystem(ecs_task_definitions, evidence):
    _judge(evidence, ecs_task_definitions,
           lambda d: _containers(d, lambda c: not c.get("readonlyRootFilesystem"), "has a writable root filesystem"),
           "set \"readonlyRootFilesystem\": true and mount volumes where the container must write")


@pytest.mark.control("ecs-task-logging")
def test_ecs_task_logging(ecs_task_definitions, evidence):
    _judge(evidence, ecs_task_definitions,
           lambda d: _containers(d, lambda c: not c.get("logConfiguration", {}).get("logDriver"),
                                 "has no log configuration"),
           "add \"logConfiguration\": {\"logDriver\": \"awslogs\", ...} to each container")
