"""ECS services: no public IP addresses; Fargate on its latest platform version."""

import pytest

from controls.judging import judge_each

KEYS = ("serviceArn", "launchType", "capacityProviderStrategy", "platformFamily", "platformVersion",
        "networkConfiguration")


def _update(service, options):
    return (f"aws ecs update-service --cluster {service['clusterArn']} --service {service['serviceName']} {options}")


@pytest.mark.control("ecs-service-no-public-ip")
def test_ecs_service_no_public_ip(ecs_services, evidence):
    judge_each(evidence, "services", ecs_services, KEYS,
               lambda s: "its tasks get public IP addresses (assignPublicIp ENABLED)"
               if s.get("networkConfiguration", {}).get("awsvpcConfiguration", {}).get("assignPublicIp") == "ENABLED"
               else None,
               lambda s: _update(s, "--network-configuration 'awsvpcConfiguration={subnets=[<private subnets>],"
                                    "securityGroups=[<groups>],assignPublicIp=DISABLED}'"))


def on_fargate(service):
    return service.get("launchType") == "FARGATE" or any(
        s["capacityProvider"] in ("FARGATE", "FARGATE_SPOT") for s in service.get("capacityProviderStrategy", []))


def _platform_problem(service, latest):
    # platformFamily (WINDOWS_SERVER_2022_CORE...) may be absent: judged as Linux, whose latest version
    # (1.4.0) is above Windows' (1.0.0), so a service that is not on LATEST fails rather than passes.
    family = "WINDOWS" if service.get("platformFamily", "LINUX").startswith("WINDOWS") else "LINUX"
    version = service["platformVersion"]
    if version in ("LATEST", latest[family]):
        return None
    return f"it runs on Fargate platform version {version}, not the latest {family} version {latest[family]}"


@pytest.mark.control("ecs-fargate-latest-platform")
def test_ecs_fargate_latest_platform(ecs_services, params, evidence):
    judge_each(evidence, "fargate_services", [s for s in ecs_services if on_fargate(s)], KEYS,
               lambda s: _platform_problem(s, params["latest_platform_versions"]),
               lambda s: _update(s, "--platform-version LATEST --force-new-deployment"))
