"""SageMaker AI: notebook instances in a custom VPC without direct internet
or root access; endpoints on several instances; isolated models."""

import pytest

from controls.judging import judge_each

NOTEBOOK_KEYS = ("NotebookInstanceArn", "NotebookInstanceName", "DirectInternetAccess", "SubnetId", "Vpc",
                 "RootAccess")
RECREATE = ("create a notebook instance in a subnet of a custom VPC with --direct-internet-access Disabled "
            "(aws sagemaker create-notebook-instance), move the work over and delete this one")


@pytest.mark.control("sagemaker-notebook-no-direct-internet")
def test_sagemaker_notebook_no_direct_internet(sagemaker_notebook_instances, evidence):
    judge_each(evidence, "notebook_instances", sagemaker_notebook_instances, NOTEBOOK_KEYS,
               lambda n: None if n.get("DirectInternetAccess") == "Disabled" else "it has direct internet access",
               lambda n: RECREATE)


def _vpc_problem(notebook):
    vpc = notebook["Vpc"]
    if vpc is None:
        return "it is not in a VPC"
    if vpc["VpcId"] is None:
        return f"its subnet {notebook['SubnetId']} no longer exists"
    return f"it is in the default VPC {vpc['VpcId']}" if vpc["IsDefault"] else None


@pytest.mark.control("sagemaker-notebook-in-custom-vpc")
def test_sagemaker_notebook_in_custom_vpc(sagemaker_notebook_instances, evidence):
    judge_each(evidence, "notebook_instances", sagemaker_notebook_instances, NOTEBOOK_KEYS, _vpc_problem,
               lambda n: RECREATE)


@pytest.mark.control("sagemaker-notebook-no-root")
def test_sagemaker_notebook_no_root(sagemaker_notebook_instances, evidence):
    judge_each(evidence, "notebook_instances", sagemaker_notebook_instances, NOTEBOOK_KEYS,
               lambda n: None if n.get("RootAccess") == "Disabled" else "its users have root access",
               lambda n: f"aws sagemaker stop-notebook-instance --notebook-instance-name {n['NotebookInstanceName']}, "
                         f"then aws sagemaker update-notebook-instance --notebook-instance-name "
                         f"{n['NotebookInstanceName']} --root-access Disabled")


def _single_instance_variants(config, least):
    found = [v["VariantName"] for v in config["ProductionVariants"]
             if "ServerlessConfig" not in v and v.get("InitialInstanceCount", 1) < least]
    return f"variant {', '.join(found)} starts on fewer than {least} instances" if found else None


@pytest.mark.control("sagemaker-endpoint-multiple-instances")
def test_sagemaker_endpoint_multiple_instances(sagemaker_endpoint_configs, params, evidence):
    least = params["minimum_instances"]
    judge_each(evidence, "endpoint_configs", sagemaker_endpoint_configs,
               ("EndpointConfigArn", "EndpointConfigName", "ProductionVariants"),
               lambda c: _single_instance_variants(c, least),
               lambda c: f"aws sagemaker create-endpoint-config with InitialInstanceCount {least} or more for each "
                         "variant, then aws sagemaker update-endpoint --endpoint-name <endpoint> "
                         "--endpoint-config-name <new config>")


@pytest.mark.control("sagemaker-model-network-isolation")
def test_sagemaker_model_network_isolation(sagemaker_models, evidence):
    judge_each(evidence, "models", sagemaker_models, ("ModelArn", "ModelName", "EnableNetworkIsolation"),
               lambda m: None if m.get("EnableNetworkIsolation") else "its containers are not network-isolated",
               lambda m: "aws sagemaker create-model ... --enable-network-isolation, point the endpoint "
                         "configurations at the new model and delete this one")
