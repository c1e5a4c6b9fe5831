"""Security groups: no administration, CIFS, high-risk or database port open
to the internet, nothing open but authorized ports; default groups closed."""

import pytest

from compliance.evidence import Finding
from controls.network.ports import PORT_PROTOCOLS, WHOLE_INTERNET, takes_port


def group_arn(group, region):
    return f"arn:aws:ec2:{region}:{group['OwnerId']}:security-group/{group['GroupId']}"


def open_ranges(permission):
    ranges = [r["CidrIp"] for r in permission.get("IpRanges", [])]
    ranges += [r["CidrIpv6"] for r in permission.get("Ipv6Ranges", [])]
    return [r for r in ranges if r in WHOLE_INTERNET]


def rule_text(permission):
    return f"{permission['IpProtocol']} {permission.get('FromPort', 'all')}-{permission.get('ToPort', 'all')}"


def revoke(group, reach):
    return f"aws ec2 revoke-security-group-ingress --group-id {group['GroupId']} --ip-permissions <this rule>; {reach}"


def open_port_findings(group, region, ports, reach):
    """A finding per rule, whole-internet range and port of ``ports`` it admits;
    ``reach`` says how the port should be reached instead."""
    findings = []
    for permission in group.get("IpPermissions", []):
        for cidr in open_ranges(permission):
            for port in ports:
                if takes_port(permission["IpProtocol"], permission.get("FromPort"), permission.get("ToPort"), port):
                    findings.append(Finding(group_arn(group, region),
                                            f"ingress from {cidr} to port {port} ({rule_text(permission)})",
                                            revoke(group, reach)))
    return findings


def only_authorized(permission, authorized):
    """True when a rule admits nothing but TCP or UDP ports ``authorized`` lists
    for its protocol (``{"tcp": [...], "udp": [...]}``); a range without a
    bound is open on that side (as ports.takes_port reads it)."""
    protocol = PORT_PROTOCOLS.get(str(permission["IpProtocol"]).lower())
    first, last = permission.get("FromPort"), permission.get("ToPort")
    if protocol is None or first is None or last is None:
        return False
    allowed = set(authorized[protocol])
    return all(port in allowed for port in range(first, last + 1))


def ports_test(control, parameter, reach):
    """A control: no security group admits the whole internet to a port of the
    baseline's ``parameter`` list."""
    @pytest.mark.control(control)
    def test(security_groups, region_target, params, evidence):
        evidence.record("security_groups", security_groups)
        evidence.verdict([f for g in security_groups
                          for f in open_port_findings(g, region_target.region, params[parameter], reach)])
    return test


test_security_group_admin_ports = ports_test(
    "security-group-admin-ports", "admin_ports", "reach instances through Session Manager or a known CIDR")
test_security_group_cifs = ports_test(
    "security-group-cifs", "cifs_ports", "allow file sharing only from known networks or over a VPN")
test_security_group_high_risk_ports = ports_test(
    "security-group-high-risk-ports", "high_risk_ports", "reach the service from known networks, a VPN or a proxy")
test_security_group_database_ports = ports_test(
    "security-group-database-ports", "database_ports",
    "reach the database from the application's security group or known networks only")


@pytest.mark.control("security-group-authorized-ports")
def test_security_group_authorized_ports(security_groups, region_target, params, evidence):
    evidence.record("security_groups", security_groups)
    findings = [
        Finding(group_arn(g, region_target.region),
                f"ingress from {cidr} to {rule_text(permission)}, beyond the authorized ports",
                revoke(g, "open only the authorized ports to the internet, anything else to known networks"))
        for g in security_groups for permission in g.get("IpPermissions", [])
        for cidr in open_ranges(permission) if not only_authorized(permission, params["authorized_ports"])
    ]
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
