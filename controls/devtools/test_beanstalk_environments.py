"""Elastic Beanstalk environments report enhanced health and stream their logs."""

import pytest

from controls.judging import judge_each

HEALTH = "aws:elasticbeanstalk:healthreporting:system:SystemType"
STREAM_LOGS = "aws:elasticbeanstalk:cloudwatch:logs:StreamLogs"


def _judged(environments):
    return [{"EnvironmentArn": e["EnvironmentArn"], "EnvironmentName": e["EnvironmentName"],
             HEALTH: e["Options"].get(HEALTH), STREAM_LOGS: e["Options"].get(STREAM_LOGS)} for e in environments]


def _set_option(environment, option, value):
    namespace, name = option.rsplit(":", 1)
    return (f"aws elasticbeanstalk update-environment --environment-name {environment['EnvironmentName']} "
            f"--option-settings Namespace={namespace},OptionName={name},Value={value}")


@pytest.mark.control("beanstalk-enhanced-health")
def test_beanstalk_enhanced_health(beanstalk_environments, evidence):
    judge_each(evidence, "environments", _judged(beanstalk_environments), ("EnvironmentArn", "EnvironmentName", HEALTH),
               lambda e: None if e[HEALTH] == "enhanced" else f"its health reporting is {e[HEALTH] or 'basic'}",
               lambda e: _set_option(e, HEALTH, "enhanced"))


@pytest.mark.control("beanstalk-log-streaming")
def test_beanstalk_log_streaming(beanstalk_environments, evidence):
    judge_each(evidence, "environments", _judged(beanstalk_environments),
               ("EnvironmentArn", "EnvironmentName", STREAM_LOGS),
               lambda e: None if (e[STREAM_LOGS] or "").lower() == "true"
               else "it does not stream its logs to CloudWatch Logs",
               lambda e: _set_option(e, STREAM_LOGS, "true"))
