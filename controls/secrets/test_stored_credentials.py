"""No credentials where AWS stores free-form values for the customer: EC2 user
data (instances, launch templates, launch configurations), Lambda and ECS
environment variables, CloudFormation stack parameters and outputs."""

import pytest

from controls.secrets.stored_credentials import judge

SECRETS_MANAGER = "keep it in AWS Secrets Manager (or SSM Parameter Store SecureString) and read it at run time"


@pytest.mark.control("ec2-user-data-no-credentials")
def test_ec2_user_data_no_credentials(instance_user_data, evidence):
    judge(evidence, instance_user_data,
          f"rotate the credential; {SECRETS_MANAGER} with the instance role, then replace the user data "
          "(stop the instance, aws ec2 modify-instance-attribute --user-data) or relaunch without it")


@pytest.mark.control("ec2-launch-template-no-credentials")
def test_ec2_launch_template_no_credentials(launch_template_user_data, evidence):
    judge(evidence, launch_template_user_data,
          f"rotate the credential; {SECRETS_MANAGER}, then aws ec2 create-launch-template-version with user data "
          "that holds none, make it the default and delete the old versions (aws ec2 delete-launch-template-versions)")


@pytest.mark.control("autoscaling-launch-configuration-no-credentials")
def test_autoscaling_launch_configuration_no_credentials(launch_configuration_user_data, evidence):
    judge(evidence, launch_configuration_user_data,
          f"rotate the credential; {SECRETS_MANAGER}, move the group to a launch template whose user data holds "
          "none, and aws autoscaling delete-launch-configuration")


@pytest.mark.control("lambda-environment-no-credentials")
def test_lambda_environment_no_credentials(function_environments, evidence):
    judge(evidence, function_environments,
          f"rotate the credential; {SECRETS_MANAGER} with the function's execution role, and "
          "aws lambda update-function-configuration --environment without it")


@pytest.mark.control("ecs-task-definition-no-credentials")
def test_ecs_task_definition_no_credentials(task_definition_environments, evidence):
    judge(evidence, task_definition_environments,
          "rotate the credential; pass it through the container definition's 'secrets' (valueFrom a Secrets "
          "Manager secret or SSM parameter), register the new revision and deregister the old ones")


@pytest.mark.control("cloudformation-stack-no-credentials")
def test_cloudformation_stack_no_credentials(stack_parameters_and_outputs, evidence):
    judge(evidence, stack_parameters_and_outputs,
          "rotate the credential; declare the parameter NoEcho or use a dynamic reference "
          "({{resolve:secretsmanager:...}}), output no secret, and update the stack")
