"""Security groups: no administration or CIFS port open to the internet; default groups closed."""

import pytest

from compliance.evidence import Finding
from controls.network.ports import WHOLE_INTERNET, takes_port


def group_arn(group, region):
    return f"arn:aws:ec2:{region}:{group['OwnerId']}:security-group/{group['GroupId']}"


def open_ranges(permission):
    ranges = [r["CidrIp"] for r in permission.get("IpRanges", [])]
    ranges += [r["CidrIpv6"] for r in permission.get("Ipv6Ranges", [])]
    return [r for r in ranges if r in WHOLE_INTERNET]


def open_port_findings(group, region, ports, reach):
    """A finding per rule, whole-internet range and port of ``ports`` it admits;
    ``reach`` says how the port should be reached instead."""
    findings = []
    for permission in group.get("IpPermissions", []):
        for cidr in open_ranges(permission):
            for port in ports:
                if takes_port(permission["IpProtocol"], permission.get("FromPort"), permission.get("ToPort"), port):
                    findings.append(Finding(
                        group_arn(group, region),
                        f"ingress from {cidr} to port {port} ({permission['IpProtocol']} "
                        f"{permission.get('FromPort', 'all')}-{permission.get('ToPort', 'all')})",
                        f"aws ec2 revoke-security-group-ingress --group-id {group['GroupId']} --ip-permissions "
                        f"<this rule>; {reach}"))
    return findings


@pytest.mark.control("security-group-admin-ports")
def test_security_group_admin_ports(security_groups, region_target, params, evidence):
    evidence.record("security_groups", security_groups)
    findings = [f for g in security_groups for f in open_port_findings(
        g, region_target.region, params["admin_ports"], "reach instances through Session Manager or a known CIDR")]
    evidence.verdict(findings)


@pytest.mark.control("security-group-cifs")
def test_security_group_cifs(security_groups, region_target, params, evidence):
    evidence.record("security_groups", security_groups)
    findings = [f for g in security_groups for f in open_port_findings(
        g, region_target.region, params["cifs_ports"], "allow file sharing only from known networks or over a VPN")]
    evidence.verdict(findings)


@pytest.mark.control("default-security-group-closed")
def test_default_security_group_closed(security_groups, region_target, evidence):
    defaults = [g for g in security_groups if g["GroupName"] == "default"]
    evidence.record("default_security_groups", defaults)
    findings = [
        Finding(group_arn(g, region_target.region),
                f"the default group of {g.get('VpcId', 'EC2-Classic')} has {len(g.get('IpPermissions', []))} ingress "
                f"and {len(g.get('IpPermissionsEgress', []))} egress rules",
                f"revoke every rule: aws ec2 revoke-security-group-ingress / revoke-security-group-egress "
                f"--group-id {g['GroupId']} --ip-permissions <rule>")
        for g in defaults if g.get("IpPermissions") or g.get("IpPermissionsEgress")
    ]
    evidence.verdict(findings)
