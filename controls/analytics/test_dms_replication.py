"""DMS replication instances are private and take minor version upgrades;
tasks log their source and target; endpoints connect with SSL."""

import json

import pytest

from controls.judging import judge_each
from controls.shapes import denied, member, one_of, required

ENOUGH = ("LOGGER_SEVERITY_DEFAULT", "LOGGER_SEVERITY_DEBUG", "LOGGER_SEVERITY_DETAILED_DEBUG")
COMPONENTS = ("SOURCE_CAPTURE", "SOURCE_UNLOAD", "TARGET_APPLY", "TARGET_LOAD")  # DMS.8 the first two, DMS.7 the rest
# Engines DMS reaches through an AWS service API, always over HTTPS: they take no SslMode.
HTTPS_ENGINES = ("s3", "dynamodb", "kinesis", "elasticsearch", "opensearch", "neptune")
LOGGING = json.dumps({"Logging": {"EnableLogging": True, "LogComponents": [
    {"Id": c, "Severity": "LOGGER_SEVERITY_DEFAULT"} for c in COMPONENTS]}})


@pytest.mark.control("dms-replication-instance-not-public")
def test_dms_replication_instance_not_public(dms_replication_instances, evidence):
    judge_each(evidence, "replication_instances", dms_replication_instances,
               ("ReplicationInstanceArn", "PubliclyAccessible", "ReplicationInstancePublicIpAddresses"),
               denied("PubliclyAccessible", "the replication instance is publicly accessible"),
               lambda i: "create a replication instance with --no-publicly-accessible in a private subnet group, "
                         f"move the tasks of {i['ReplicationInstanceIdentifier']} to it and delete it")


@pytest.mark.control("dms-auto-minor-version-upgrade")
def test_dms_auto_minor_version_upgrade(dms_replication_instances, evidence):
    judge_each(evidence, "replication_instances", dms_replication_instances,
               ("ReplicationInstanceArn", "EngineVersion", "AutoMinorVersionUpgrade"),
               required("AutoMinorVersionUpgrade", "automatic minor version upgrades are off"),
               lambda i: f"aws dms modify-replication-instance --replication-instance-arn "
                         f"{i['ReplicationInstanceArn']} --auto-minor-version-upgrade --apply-immediately")


def logging_problem(task):
    logging = member(task, "Settings.Logging") or {}
    if not logging.get("EnableLogging"):
        return "logging is off"
    severity = {c.get("Id"): c.get("Severity") for c in logging.get("LogComponents", [])}
    short = [f"{c} ({severity.get(c) or 'not set'})" for c in COMPONENTS if severity.get(c) not in ENOUGH]
    return f"logged below LOGGER_SEVERITY_DEFAULT: {', '.join(short)}" if short else None


@pytest.mark.control("dms-task-logging")
def test_dms_task_logging(dms_replication_tasks, evidence):
    tasks = [{**t, "Logging": member(t, "Settings.Logging")} for t in dms_replication_tasks]
    judge_each(evidence, "replication_tasks", tasks, ("ReplicationTaskArn", "Logging"), logging_problem,
               lambda t: f"stop the task, then aws dms modify-replication-task --replication-task-arn "
                         f"{t['ReplicationTaskArn']} --replication-task-settings '{LOGGING}' and start it again")


@pytest.mark.control("dms-endpoint-ssl")
def test_dms_endpoint_ssl(dms_endpoints, evidence):
    evidence.record("https_endpoints", [e["EndpointArn"] for e in dms_endpoints if e["EngineName"] in HTTPS_ENGINES])
    judge_each(evidence, "endpoints", [e for e in dms_endpoints if e["EngineName"] not in HTTPS_ENGINES],
               ("EndpointArn", "EndpointType", "EngineName", "SslMode"),
               one_of("SslMode", ("require", "verify-ca", "verify-full"), "the SSL mode"),
               lambda e: f"aws dms modify-endpoint --endpoint-arn {e['EndpointArn']} --ssl-mode verify-full "
                         "--certificate-arn <imported CA certificate>")
