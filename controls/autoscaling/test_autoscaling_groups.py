"""Auto Scaling groups: ELB health checks behind a load balancer, several
Availability Zones, several instance types, launch templates."""

import pytest

from controls.judging import judge_each

EVIDENCE_FIELDS = ("AutoScalingGroupARN", "AutoScalingGroupName", "AvailabilityZones", "HealthCheckType",
                   "LoadBalancerNames", "TargetGroupARNs", "LaunchConfigurationName", "LaunchTemplate",
                   "MixedInstancesPolicy")


def groups_test(control, problem, fix):
    """A control over the region's groups: ``problem(group, params)`` names
    what is wrong with a group (None when it complies), fixed as ``fix(group)`` says."""
    @pytest.mark.control(control)
    def test(autoscaling_groups, params, evidence):
        judge_each(evidence, "groups", autoscaling_groups, EVIDENCE_FIELDS, lambda g: problem(g, params), fix)
    return test


def ignores_load_balancer_health(group, params):
    behind = group.get("LoadBalancerNames", []) + group.get("TargetGroupARNs", [])
    if behind and "ELB" not in group["HealthCheckType"].split(","):
        return f"the group is behind a load balancer but uses {group['HealthCheckType']} health checks only"
    return None


def too_few_zones(group, params):
    zones = group["AvailabilityZones"]
    if len(zones) < params["min_availability_zones"]:
        return f"the group spans {len(zones)} Availability Zone(s): {', '.join(zones)}"
    return None


def instance_types(group):
    """The instance types the group may launch; None when attribute-based selection lets it choose among many."""
    overrides = group.get("MixedInstancesPolicy", {}).get("LaunchTemplate", {}).get("Overrides", [])
    if any("InstanceRequirements" in o for o in overrides):
        return None
    return {o["InstanceType"] for o in overrides if "InstanceType" in o}


def single_instance_type(group, params):
    types = instance_types(group)
    if types is None or len(types) > 1:
        return None
    return f"the group launches only {types.pop()}" if types else "the group launches a single instance type"


def uses_launch_configuration(group, params):
    name = group.get("LaunchConfigurationName")
    return f"the group launches from the launch configuration {name}" if name else None


test_autoscaling_elb_health_checks = groups_test(
    "autoscaling-elb-health-checks", ignores_load_balancer_health,
    lambda g: (f"aws autoscaling update-auto-scaling-group --auto-scaling-group-name {g['AutoScalingGroupName']} "
               "--health-check-type ELB --health-check-grace-period <seconds>"))
test_autoscaling_multi_az = groups_test(
    "autoscaling-multi-az", too_few_zones,
    lambda g: (f"aws autoscaling update-auto-scaling-group --auto-scaling-group-name {g['AutoScalingGroupName']} "
               "--vpc-zone-identifier <subnets in more Availability Zones>"))
test_autoscaling_multiple_instance_types = groups_test(
    "autoscaling-multiple-instance-types", single_instance_type,
    lambda g: (f"aws autoscaling update-auto-scaling-group --auto-scaling-group-name {g['AutoScalingGroupName']} "
               "--mixed-instances-policy with a launch template and at least two instance types in its Overrides "
               "(or instance requirements)"))
test_autoscaling_launch_templates = groups_test(
    "autoscaling-launch-templates", uses_launch_configuration,
    lambda g: (f"aws ec2 create-launch-template --launch-template-name <name> (from the launch configuration's "
               f"settings); aws autoscaling update-auto-scaling-group --auto-scaling-group-name "
               f"{g['AutoScalingGroupName']} --launch-template LaunchTemplateName=<name>,Version='$Default'"))
