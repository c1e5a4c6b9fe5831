"""Amazon EC2 Auto Scaling: launch configurations."""


def launch_configurations(api, region):
    answer = api.read("autoscaling", "DescribeLaunchConfigurations", region)
    return sorted(answer["LaunchConfigurations"], key=lambda c: c["LaunchConfigurationName"])
