"""Network ACLs admit no administration port from the whole internet."""

import pytest

from compliance.evidence import Finding
from controls.network.ports import WHOLE_INTERNET, takes_port


def deciding_entry(acl, cidr, port):
    """The ingress entry the VPC applies first to ``port`` from anywhere in ``cidr``
    (the whole address space), or None."""
    for entry in sorted((e for e in acl["Entries"] if not e["Egress"]), key=lambda e: e["RuleNumber"]):
        if (entry.get("Ipv6CidrBlock") or entry["CidrBlock"]) != cidr:
            continue  # narrower ranges are not traffic from 0.0.0.0/0
        ports = entry.get("PortRange") or {}
        if takes_port(entry["Protocol"], ports.get("From"), ports.get("To"), port):
            return entry
    return None


def acl_findings(acl, region, admin_ports):
    arn = f"arn:aws:ec2:{region}:{acl['OwnerId']}:network-acl/{acl['NetworkAclId']}"
    findings = []
    for cidr in WHOLE_INTERNET:
        for port in admin_ports:
            entry = deciding_entry(acl, cidr, port)
            if entry is not None and entry["RuleAction"] == "allow":
                findings.append(Finding(
                    arn, f"ingress rule {entry['RuleNumber']} allows port {port} from {cidr}",
                    f"aws ec2 create-network-acl-entry --network-acl-id {acl['NetworkAclId']} --ingress "
                    f"--rule-number <below {entry['RuleNumber']}> --protocol tcp --port-range From={port},To={port} "
                    f"--{'ipv6-cidr-block' if ':' in cidr else 'cidr-block'} {cidr} --rule-action deny"))
    return findings


@pytest.mark.control("network-acl-admin-ports")
def test_network_acl_admin_ports(network_acls, region_target, params, evidence):
    evidence.record("network_acls", network_acls)
    findings = [f for acl in network_acls for f in acl_findings(acl, region_target.region, params["admin_ports"])]
    evidence.verdict(findings)
