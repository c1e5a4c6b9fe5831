"""Auto Scaling launch configurations: IMDSv2 only, a metadata hop limit of
1, no public IPv4 address."""

import pytest

from controls.ec2.metadata_service import accepts_imdsv1
from controls.judging import judge_each

EVIDENCE_FIELDS = ("LaunchConfigurationARN", "LaunchConfigurationName", "MetadataOptions", "AssociatePublicIpAddress")
REPLACE = ("create a launch template (or launch configuration) with {settings} and point the groups using "
           "{name} at it (aws autoscaling update-auto-scaling-group --launch-template ...); launch configurations "
           "cannot be changed")


def configurations_test(control, problem, settings):
    """A control over the region's launch configurations: each one for which
    ``problem(configuration)`` names a problem is a finding, fixed by a
    replacement with ``settings``."""
    @pytest.mark.control(control)
    def test(launch_configurations, evidence):
        judge_each(evidence, "launch_configurations", launch_configurations, EVIDENCE_FIELDS, problem,
                   lambda c: REPLACE.format(settings=settings, name=c["LaunchConfigurationName"]))
    return test


def hop_limit_above_one(configuration):
    # Without HttpPutResponseHopLimit the limit is AWS's default, 1.
    limit = configuration.get("MetadataOptions", {}).get("HttpPutResponseHopLimit", 1)
    return f"the metadata response hop limit is {limit}" if limit > 1 else None


def assigns_public_ip(configuration):
    # Without AssociatePublicIpAddress the instances take their subnet's setting (subnet-no-auto-public-ip).
    return "instances get a public IPv4 address" if configuration.get("AssociatePublicIpAddress") else None


test_autoscaling_launch_configuration_imdsv2 = configurations_test(
    "autoscaling-launch-configuration-imdsv2",
    lambda c: accepts_imdsv1(c.get("MetadataOptions", {})),  # without options, HttpTokens is optional
    "--metadata-options HttpTokens=required")
test_autoscaling_launch_configuration_hop_limit = configurations_test(
    "autoscaling-launch-configuration-hop-limit", hop_limit_above_one,
    "--metadata-options HttpPutResponseHopLimit=1")
test_autoscaling_launch_configuration_no_public_ip = configurations_test(
    "autoscaling-launch-configuration-no-public-ip", assigns_public_ip,
    "--no-associate-public-ip-address")
