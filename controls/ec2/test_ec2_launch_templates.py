"""Launch templates do not give the network interfaces they launch a public IPv4 address."""

import pytest

from controls.judging import judge_each


def assigns_public_ip(version):
    # Without AssociatePublicIpAddress an interface takes its subnet's setting (network-subnet-no-auto-public-ip).
    interfaces = version.get("LaunchTemplateData", {}).get("NetworkInterfaces", [])
    return any(n.get("AssociatePublicIpAddress") for n in interfaces)


def public_ip_versions(template):
    found = [str(v["VersionNumber"]) for v in template["Versions"] if assigns_public_ip(v)]
    return f"version {', '.join(found)} assigns a public IPv4 address to a network interface" if found else None


@pytest.mark.control("ec2-launch-templates-no-public-ip")
def test_ec2_launch_templates_no_public_ip(launch_templates, evidence):
    judge_each(evidence, "launch_templates", launch_templates, ("Arn", "LaunchTemplateName", "Versions"),
               public_ip_versions,
               lambda t: (f"aws ec2 create-launch-template-version --launch-template-id {t['LaunchTemplateId']} "
                          "--source-version <version> --launch-template-data "
                          "'{\"NetworkInterfaces\":[{\"DeviceIndex\":0,\"AssociatePublicIpAddress\":false}]}'; "
                          "aws ec2 modify-launch-template --default-version <new version>"))
