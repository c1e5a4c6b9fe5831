"""The demo's places where AWS stores free-form values for the customer, with
and without credentials in them: launch templates and configurations, Lambda
and ECS environments, CloudFormation stacks (EC2 instances' user data is set
where seed_ec2 launches them). The credentials are made-up, in the forms
detect-secrets recognises."""

import base64
import gzip
import json

from compliance.demo.organization import IDS, LINUX_AMI, create_function

GITHUB_TOKEN = "ghp_" + "Demo0Leaked0Token0In0Launch0Template00"
STRIPE_KEY = "sk_live_" + "Demo0Leaked0Stripe0Key00"
SMTP_URL = "smtp://mailer:" + "Demo0Leaked0Password" + "@smtp.example.com:587"
BOOT_SCRIPT = "#!/bin/bash\nyum install -y nginx\nsystemctl enable --now nginx\n"


def encoded_user_data(text, compress=False):
    """User data as AWS takes it in a launch template: base64, gzip first when ``compress``."""
    data = text.encode()
    return base64.b64encode(gzip.compress(data) if compress else data).decode()


def launch_template(seeder, account_id, region, name, user_data):
    seeder.client("ec2", account_id, region).create_launch_template(
        LaunchTemplateName=name, LaunchTemplateData={"ImageId": LINUX_AMI, "UserData": user_data})


def launch_configuration(seeder, account_id, region, name, user_data):
    seeder.client("autoscaling", account_id, region).create_launch_configuration(
        LaunchConfigurationName=name, ImageId=LINUX_AMI, InstanceType="t3.micro", UserData=user_data)


def task_definition(seeder, account_id, region, family, environment):
    """Registers a revision of ``family`` with one container whose environment is ``environment``."""
    seeder.client("ecs", account_id, region).register_task_definition(family=family, containerDefinitions=[
        {"name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 256,
         "environment": [{"name": name, "value": value} for name, value in environment.items()]}])


def stack(seeder, account_id, region, name, parameters, no_echo=(), outputs=None):
    """A stack holding one SSM parameter, with the given parameters (those
    named in ``no_echo`` declared NoEcho) and outputs (``{name: value}``)."""
    template = {
        "Parameters": {key: {"Type": "String", **({"NoEcho": True} if key in no_echo else {})} for key in parameters},
        "Resources": {"Marker": {"Type": "AWS::SSM::Parameter",
                                 "Properties": {"Name": f"/{name}/marker", "Type": "String", "Value": name}}},
        "Outputs": {key: {"Value": value} for key, value in (outputs or {}).items()},
    }
    seeder.client("cloudformation", account_id, region).create_stack(
        StackName=name, TemplateBody=json.dumps(template),
        Parameters=[{"ParameterKey": key, "ParameterValue": value} for key, value in parameters.items()])


def seed_stored_values(seeder):
    """prod keeps its settings clean (a gzip-compressed boot script, a NoEcho
    password); dev leaves a GitHub token in a launch template, a password in a
    launch configuration's script, an SMTP URL with its password in a Lambda
    function's environment, a Stripe key in its task definition's latest
    revision and a database password in a stack's parameter and output."""
    prod, dev = IDS["prod"], IDS["dev"]
    launch_template(seeder, prod, "eu-west-1", "web", encoded_user_data(BOOT_SCRIPT, compress=True))
    launch_template(seeder, dev, "eu-west-1", "build-agents",
                    encoded_user_data(f"#!/bin/bash\necho {GITHUB_TOKEN} | gh auth login --with-token\n"))
    launch_configuration(seeder, prod, "eu-west-1", "web-legacy", BOOT_SCRIPT)
    launch_configuration(seeder, dev, "eu-west-1", "batch-legacy",
                         '#!/bin/bash\nexport DB_PASSWORD="Demo0Leaked0Db0Password"\n')
    create_function(seeder, prod, "eu-west-1", "orders-api",
                    Environment={"Variables": {"TABLE": "orders", "LOG_LEVEL": "info"}})
    create_function(seeder, dev, "eu-west-1", "report-mailer", Environment={"Variables": {"MAILER": SMTP_URL}})
    task_definition(seeder, prod, "eu-west-1", "web", {"PORT": "8080"})
    task_definition(seeder, dev, "eu-west-1", "payments", {"PORT": "8080"})
    task_definition(seeder, dev, "eu-west-1", "payments", {"PORT": "8080", "PAYMENTS": STRIPE_KEY})
    stack(seeder, prod, "eu-west-1", "orders-db", {"DbPassword": "Demo0Hidden0Password"}, no_echo={"DbPassword"})
    stack(seeder, dev, "eu-west-1", "reports-db", {"DbUser": "reports", "DbPassword": "Demo0Leaked0Stack0Password"},
          outputs={"Url": "postgres://reports:Demo0Leaked0Stack0Password@db.example.com/reports"})
