"""OpenSearch and Elasticsearch domains publish their error and audit logs to CloudWatch Logs."""

import pytest

from controls.opensearch.domains import UPDATE, judge_domains
from controls.shapes import member


def publishes(log):
    """A problem unless the domain publishes ``log`` to a CloudWatch Logs group."""
    def problem(domain):
        options = member(domain, f"LogPublishingOptions.{log}") or {}
        if options.get("Enabled") and options.get("CloudWatchLogsLogGroupArn"):
            return None
        return f"the domain does not publish {log} to CloudWatch Logs"
    return problem


def log_fix(log):
    return UPDATE + f"--log-publishing-options '{log}={{{{CloudWatchLogsLogGroupArn=<log group ARN>,Enabled=true}}}}'"


@pytest.mark.control("opensearch-error-logging")
def test_opensearch_error_logging(search_domains, evidence):
    judge_domains(evidence, search_domains, ("LogPublishingOptions",), publishes("ES_APPLICATION_LOGS"),
                  log_fix("ES_APPLICATION_LOGS"))


@pytest.mark.control("opensearch-audit-logging")
def test_opensearch_audit_logging(search_domains, evidence):
    judge_domains(evidence, search_domains, ("LogPublishingOptions", "AdvancedSecurityOptions"),
                  publishes("AUDIT_LOGS"), log_fix("AUDIT_LOGS") + " (audit logs need fine-grained access control)")
