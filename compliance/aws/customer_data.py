"""Free-form values AWS stores for the customer, reduced before any answer is kept.

Lambda environment variables, EC2 user data (of an instance, a launch
template, a launch configuration), CloudFormation stack parameters and
outputs, ECS container environments, and CodeBuild projects' environment
variables and source URLs hold whatever their owner put there,
credentials included. No control needs their text: the credential controls
need to know where a credential is and of what kind. So each such value is
replaced, in the answer itself and before the run's store (and ``--record``)
ever holds it, by its digest: ``{"Length": n, "Detections": [{"Line": n,
"Type": detector type}]}`` (compliance.secret_scan). Reports, recordings and
replays therefore carry the detector's verdicts, never the values. Names
(of variables, parameters, outputs) are kept: controls report them.

Tags are kept as AWS returns them: AWS documents that they must not hold
secrets (they are readable through the Resource Groups Tagging API and in
billing data by many who may not read the resource), and controls decide on
them (environments, archive buckets).
"""

import re

from compliance.secret_scan import digest, user_data_text

# scheme://[user[:password]@]host/path[?query][#fragment]
_URL = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?:(?P<userinfo>[^/@?#]*)@)?(?P<rest>[^?#]*)")


def _named_values(pairs, name_key, *value_keys):
    """Each ``{name_key: name, value_key: value}`` with its values digested."""
    return [{**pair, **{key: digest(pair[key], pair.get(name_key, "")) for key in value_keys if key in pair}}
            for pair in pairs]


def _functions(answer):
    for function in answer.get("Functions", []):
        variables = function.get("Environment", {}).get("Variables")
        if variables is not None:
            function["Environment"]["Variables"] = {name: digest(value, name) for name, value in variables.items()}


def _instance_attribute(answer):
    user_data = answer.get("UserData", {})
    if "Value" in user_data:
        user_data["Value"] = digest(user_data_text(user_data["Value"]))


def _launch_template_versions(answer):
    for version in answer.get("LaunchTemplateVersions", []):
        data = version.get("LaunchTemplateData", {})
        if "UserData" in data:
            data["UserData"] = digest(user_data_text(data["UserData"]))


def _launch_configurations(answer):
    for configuration in answer.get("LaunchConfigurations", []):
        if configuration.get("UserData"):
            configuration["UserData"] = digest(user_data_text(configuration["UserData"]))


def _stacks(answer):
    for stack in answer.get("Stacks", []):
        if "Parameters" in stack:  # ResolvedValue: the value of the SSM parameter a parameter names
            stack["Parameters"] = _named_values(stack["Parameters"], "ParameterKey", "ParameterValue", "ResolvedValue")
        if "Outputs" in stack:
            stack["Outputs"] = _named_values(stack["Outputs"], "OutputKey", "OutputValue")


def _task_definition(answer):
    for container in answer.get("taskDefinition", {}).get("containerDefinitions", []):
        if "environment" in container:
            container["environment"] = _named_values(container["environment"], "name", "value")


def source_location(location):
    """A source URL's digest, whether it names a user (``https://user:token@host``)
    and the URL without user, password, query or fragment, the places where credentials go."""
    url = _URL.match(location)
    kept = f"{url['scheme']}{url['rest']}" if url else location.split("?", 1)[0].split("#", 1)[0]
    return {**digest(location), "UserInfo": bool(url and url["userinfo"] is not None), "Url": kept}


def _projects(answer):
    for project in answer.get("projects", []):
        environment = project.get("environment", {})
        if "environmentVariables" in environment:
            environment["environmentVariables"] = _named_values(environment["environmentVariables"], "name", "value")
        for source in [project.get("source", {})] + project.get("secondarySources", []):
            if "location" in source:
                source["location"] = source_location(source["location"])


MINIMIZERS = {
    ("lambda", "ListFunctions"): _functions,
    ("ec2", "DescribeInstanceAttribute"): _instance_attribute,
    ("ec2", "DescribeLaunchTemplateVersions"): _launch_template_versions,
    ("autoscaling", "DescribeLaunchConfigurations"): _launch_configurations,
    ("cloudformation", "DescribeStacks"): _stacks,
    ("ecs", "DescribeTaskDefinition"): _task_definition,
    ("codebuild", "BatchGetProjects"): _projects,
}


def minimized(service, operation, answer):
    """``answer`` (modified in place and returned) with every free-form value
    the operation returns replaced by its digest."""
    minimize = MINIMIZERS.get((service, operation))
    if minimize:
        minimize(answer)
    return answer
