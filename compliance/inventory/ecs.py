"""Amazon ECS: task definitions."""


def latest_task_definitions(api, region):
    """The latest ACTIVE revision of every task definition family of the
    region: the one a service or task started by family name runs."""
    latest = {}
    for arn in api.read("ecs", "ListTaskDefinitions", region, status="ACTIVE")["taskDefinitionArns"]:
        family, revision = arn.rsplit("/", 1)[1].rsplit(":", 1)
        latest[family] = max(latest.get(family, (0, arn)), (int(revision), arn))
    return [api.read("ecs", "DescribeTaskDefinition", region, taskDefinition=latest[family][1])["taskDefinition"]
            for family in sorted(latest)]
