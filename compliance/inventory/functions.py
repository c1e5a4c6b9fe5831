"""AWS Lambda functions, with the Availability Zones of the subnets they run in."""

from compliance.aws.answers import extended
from compliance.inventory import ec2, resource_policies


def functions(api, region):
    """The region's functions (the ``ListFunctions`` the resource-policy and
    credential controls read too), sorted by ARN."""
    return sorted(resource_policies.functions(api, region), key=lambda f: f["FunctionArn"])


def in_vpc(function):
    return bool(function.get("VpcConfig", {}).get("SubnetIds"))


def functions_with_zones(api, region):
    """The region's functions, each connected to a VPC with the Availability
    Zones of the subnets it names that exist (``Zones``; None for a function
    outside a VPC).
    Subnets are read only when some function is connected to a VPC."""
    found = functions(api, region)
    subnets = ec2.subnets_by_id(api, region) if any(in_vpc(f) for f in found) else {}
    return [extended(f, Zones=sorted({subnets[s]["AvailabilityZone"] for s in f["VpcConfig"]["SubnetIds"] if s in subnets})
                     if in_vpc(f) else None) for f in found]
