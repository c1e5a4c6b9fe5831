"""Amazon SageMaker AI: notebook instances, endpoint configurations and
models, each described (no list request carries their settings)."""

from compliance.aws.answers import extended
from compliance.inventory import ec2


def notebook_instances(api, region):
    """Each notebook instance, described, with ``Vpc``: None outside a VPC,
    else ``{"VpcId", "IsDefault"}`` of its subnet's VPC (subnets and VPCs are
    read only when a notebook instance is in one)."""
    names = sorted(n["NotebookInstanceName"] for n in
                   api.read("sagemaker", "ListNotebookInstances", region)["NotebookInstances"])
    found = [api.read("sagemaker", "DescribeNotebookInstance", region, NotebookInstanceName=name) for name in names]
    in_vpc = [n for n in found if n.get("SubnetId")]
    subnets = ec2.subnets_by_id(api, region) if in_vpc else {}
    defaults = ec2.default_vpc_ids(api, region) if in_vpc else set()
    return [extended(n, Vpc=_vpc(subnets.get(n["SubnetId"]), defaults) if n.get("SubnetId") else None) for n in found]


def _vpc(subnet, default_vpcs):
    if subnet is None:
        return {"VpcId": None, "IsDefault": None}  # the subnet no longer exists
    return {"VpcId": subnet["VpcId"], "IsDefault": subnet["VpcId"] in default_vpcs}


def endpoint_configs(api, region):
    """Each endpoint configuration, described."""
    names = sorted(c["EndpointConfigName"] for c in
                   api.read("sagemaker", "ListEndpointConfigs", region)["EndpointConfigs"])
    return [api.read("sagemaker", "DescribeEndpointConfig", region, EndpointConfigName=name) for name in names]


def models(api, region):
    """Each model, described."""
    names = sorted(m["ModelName"] for m in api.read("sagemaker", "ListModels", region)["Models"])
    return [api.read("sagemaker", "DescribeModel", region, ModelName=name) for name in names]
