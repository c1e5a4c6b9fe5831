"""Amazon EC2 Auto Scaling: groups and launch configurations."""


def launch_configurations(api, region):
    answer = api.read("autoscaling", "DescribeLaunchConfigurations", region)
    return sorted(answer["LaunchConfigurations"], key=lambda c: c["LaunchConfigurationName"])


def groups(api, region):
    answer = api.read("autoscaling", "DescribeAutoScalingGroups", region)
    return sorted(answer["AutoScalingGroups"], key=lambda g: g["AutoScalingGroupName"])
