"""ECS clusters have Container Insights enabled."""

import pytest

from controls.judging import judge_each


def _insights(cluster):
    return next((s.get("value") for s in cluster.get("settings", []) if s.get("name") == "containerInsights"), None)


@pytest.mark.control("ecs-container-insights")
def test_ecs_container_insights(ecs_clusters, evidence):
    judge_each(evidence, "clusters", [{"clusterArn": c["clusterArn"], "clusterName": c["clusterName"],
                                       "containerInsights": _insights(c)} for c in ecs_clusters],
               ("clusterArn", "clusterName", "containerInsights"),
               lambda c: None if c["containerInsights"] in ("enabled", "enhanced")
               else f"Container Insights is {c['containerInsights'] or 'not set'}",
               lambda c: f"aws ecs update-cluster-settings --cluster {c['clusterName']} "
                         "--settings name=containerInsights,value=enhanced")
