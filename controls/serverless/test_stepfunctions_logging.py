"""Step Functions state machines log their executions."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("stepfunctions-logging")
def test_stepfunctions_logging(step_functions_state_machines, evidence):
    judge_each(evidence, "state_machines", step_functions_state_machines,
               ("stateMachineArn", "name", "loggingConfiguration"),
               lambda m: None if m.get("loggingConfiguration", {}).get("level", "OFF") != "OFF"
               else "its executions are not logged (logging level OFF)",
               lambda m: f"aws stepfunctions update-state-machine --state-machine-arn {m['stateMachineArn']} "
                         "--logging-configuration 'level=ERROR,includeExecutionData=false,"
                         "destinations=[{cloudWatchLogsLogGroup={logGroupArn=<log group ARN>}}]'")
