"""AWS Database Migration Service: replication instances, replication tasks and endpoints."""

import json

from compliance.aws.answers import extended


def replication_instances(api, region):
    return sorted(api.read("dms", "DescribeReplicationInstances", region)["ReplicationInstances"],
                  key=lambda i: i["ReplicationInstanceArn"])


def replication_tasks(api, region):
    """The region's replication tasks, each with its settings parsed (``Settings``; None: none reported)."""
    tasks = api.read("dms", "DescribeReplicationTasks", region, WithoutSettings=False)["ReplicationTasks"]
    return sorted((extended(t, Settings=json.loads(t["ReplicationTaskSettings"])
                            if t.get("ReplicationTaskSettings") else None) for t in tasks),
                  key=lambda t: t["ReplicationTaskArn"])


def endpoints(api, region):
    return sorted(api.read("dms", "DescribeEndpoints", region)["Endpoints"], key=lambda e: e["EndpointArn"])
