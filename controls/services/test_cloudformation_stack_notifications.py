"""CloudFormation stacks send their events to an SNS topic."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("cloudformation-stack-notifications")
def test_cloudformation_stack_notifications(stacks, evidence):
    # NotificationARNs is left out of a stack that notifies no topic.
    judge_each(evidence, "stacks", stacks, ("StackId", "StackName", "StackStatus", "NotificationARNs"),
               lambda s: None if s.get("NotificationARNs") else "the stack notifies no SNS topic of its events",
               lambda s: (f"aws cloudformation update-stack --stack-name {s['StackName']} --use-previous-template "
                          "--notification-arns <topic ARN> (repeat the stack's parameters with UsePreviousValue)"))
