"""Lambda functions: a supported runtime, in a VPC, across Availability Zones."""

import datetime

import pytest

from controls.judging import judge_each

KEYS = ("FunctionArn", "FunctionName", "PackageType", "Runtime", "VpcConfig")


def _runtime_problem(function, deprecated, today):
    runtime = function.get("Runtime")
    since = deprecated.get(runtime)
    if since is None or datetime.date.fromisoformat(since) > today:
        return None
    return f"it runs on {runtime}, deprecated by AWS since {since}"


@pytest.mark.control("lambda-supported-runtime")
def test_lambda_supported_runtime(lambda_functions, params, today, evidence):
    judge_each(evidence, "functions", [f for f in lambda_functions if f.get("PackageType", "Zip") == "Zip"],
               KEYS, lambda f: _runtime_problem(f, params["deprecated_runtimes"], today),
               lambda f: f"test it on a current runtime, then aws lambda update-function-configuration "
                         f"--function-name {f['FunctionName']} --runtime <current runtime>")


@pytest.mark.control("lambda-in-vpc")
def test_lambda_in_vpc(lambda_functions, evidence):
    judge_each(evidence, "functions", lambda_functions, KEYS,
               lambda f: None if f.get("VpcConfig", {}).get("SubnetIds") else "the function is not connected to a VPC",
               lambda f: f"aws lambda update-function-configuration --function-name {f['FunctionName']} --vpc-config "
                         "SubnetIds=<private subnets>,SecurityGroupIds=<groups>")


@pytest.mark.control("lambda-multi-az")
def test_lambda_multi_az(lambda_function_zones, params, evidence):
    least = params["minimum_availability_zones"]
    judge_each(evidence, "vpc_functions", [f for f in lambda_function_zones if f["Zones"] is not None],
               ("FunctionArn", "FunctionName", "VpcConfig", "Zones"),
               lambda f: None if len(f["Zones"]) >= least
               else f"its subnets are in {len(f['Zones'])} Availability Zone(s) ({', '.join(f['Zones']) or 'none'}), "
                    f"fewer than {least}",
               lambda f: f"aws lambda update-function-configuration --function-name {f['FunctionName']} --vpc-config "
                         f"SubnetIds=<subnets in {least} or more Availability Zones>,SecurityGroupIds=<groups>")
