"""The network controls, proven against moto: security groups and network
ACLs open to the internet on administration, CIFS, high-risk, database or
unauthorized ports, and default groups."""

import pytest

from compliance.demo.organization import close_default_network
from tests.conftest import DEV, PROD, REGION

CONTROLS = ["controls/network/test_security_groups.py", "controls/network/test_network_acls.py"]



def vpc(seeder, account):
    """A new VPC (its default group and network ACL are open, as AWS creates them)."""
    ec2 = seeder.client("ec2", account, REGION)
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    return ec2, vpc_id


def ingress(ec2, group_id, protocol, first, last, cidr=None, cidr6=None):
    permission = {"IpProtocol": protocol, "FromPort": first, "ToPort": last}
    if cidr:
        permission["IpRanges"] = [{"CidrIp": cidr}]
    if cidr6:
        permission["Ipv6Ranges"] = [{"CidrIpv6": cidr6}]
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[permission])


def acl_entry(ec2, acl_id, number, action, first, last, cidr="0.0.0.0/0", protocol="6"):
    ec2.create_network_acl_entry(NetworkAclId=acl_id, RuleNumber=number, Protocol=protocol, RuleAction=action,
                                 Egress=False, CidrBlock=cidr, PortRange={"From": first, "To": last})


def test_a_closed_estate_passes(seeder, audit_roles, regional_baseline, run_suite):
    ec2, vpc_id = vpc(seeder, PROD)
    close_default_network(ec2)
    web = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc_id)["GroupId"]
    ingress(ec2, web, "tcp", 80, 80, cidr="0.0.0.0/0")
    ingress(ec2, web, "tcp", 443, 443, cidr="0.0.0.0/0", cidr6="::/0")
    ingress(ec2, web, "tcp", 22, 22, cidr="10.0.0.0/8")  # SSH from a known network only
    ingress(ec2, web, "tcp", 5432, 5432, cidr="10.1.0.0/16")  # the database from the application's network
    ingress(ec2, web, "icmp", -1, -1, cidr="10.0.0.0/8")
    acl = ec2.create_network_acl(VpcId=vpc_id)["NetworkAcl"]["NetworkAclId"]
    acl_entry(ec2, acl, 90, "deny", 22, 22)  # shadows the wider allow below for SSH
    acl_entry(ec2, acl, 95, "deny", 3389, 3389)
    acl_entry(ec2, acl, 100, "allow", 0, 65535)
    acl_entry(ec2, acl, 110, "allow", 22, 22, cidr="10.0.0.0/8")

    suite = run_suite(*CONTROLS, baseline=regional_baseline)

    prod = [r["outcome"] for r in suite.of_account(PROD).values()]
    assert prod == ["passed"] * 7, suite.output


def test_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    ec2, vpc_id = vpc(seeder, DEV)
    ssh = ec2.create_security_group(GroupName="ssh", Description="ssh", VpcId=vpc_id)["GroupId"]
    ingress(ec2, ssh, "tcp", 20, 25, cidr="0.0.0.0/0")  # a range containing 22
    rdp = ec2.create_security_group(GroupName="rdp", Description="rdp", VpcId=vpc_id)["GroupId"]
    ingress(ec2, rdp, "tcp", 3389, 3389, cidr6="::/0")
    smb = ec2.create_security_group(GroupName="smb", Description="smb", VpcId=vpc_id)["GroupId"]
    ingress(ec2, smb, "tcp", 445, 445, cidr6="::/0")
    everything = ec2.create_security_group(GroupName="all", Description="all", VpcId=vpc_id)["GroupId"]
    ingress(ec2, everything, "-1", -1, -1, cidr="0.0.0.0/0")
    database = ec2.create_security_group(GroupName="db", Description="db", VpcId=vpc_id)["GroupId"]
    ingress(ec2, database, "tcp", 27000, 28000, cidr6="::/0")  # MongoDB's ports in a range
    web = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc_id)["GroupId"]
    ingress(ec2, web, "tcp", 443, 444, cidr="0.0.0.0/0")  # one port too many
    ingress(ec2, web, "icmp", -1, -1, cidr="0.0.0.0/0")
    ingress(ec2, web, "udp", 443, 443, cidr="0.0.0.0/0")  # 443 is authorized for TCP only
    acl = ec2.create_network_acl(VpcId=vpc_id)["NetworkAcl"]["NetworkAclId"]
    acl_entry(ec2, acl, 100, "allow", 3389, 3389)
    acl_entry(ec2, acl, 200, "deny", 3389, 3389)  # too late: rule 100 decides

    suite = run_suite(*CONTROLS, baseline=regional_baseline)

    by_control = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {r["outcome"] for r in by_control.values()} == {"failed"}
    problems = [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in
                by_control["security-group-admin-ports"]["findings"]]
    assert (ssh, "ingress from 0.0.0.0/0 to port 22 (tcp 20-25)") in problems
    assert (rdp, "ingress from ::/0 to port 3389 (tcp 3389-3389)") in problems
    assert {p for g, p in problems if g == everything} == {
        "ingress from 0.0.0.0/0 to port 22 (-1 all-all)", "ingress from 0.0.0.0/0 to port 3389 (-1 all-all)"}
    cifs = {(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in by_control["security-group-cifs"]["findings"]}
    assert cifs == {(smb, "ingress from ::/0 to port 445 (tcp 445-445)"),
                    (everything, "ingress from 0.0.0.0/0 to port 445 (-1 all-all)")}
    high_risk = {(f["resource"].rsplit("/", 1)[1], f["problem"])
                 for f in by_control["security-group-high-risk-ports"]["findings"]}
    assert (ssh, "ingress from 0.0.0.0/0 to port 21 (tcp 20-25)") in high_risk
    assert (smb, "ingress from ::/0 to port 445 (tcp 445-445)") in high_risk
    assert not {g for g, _ in high_risk} & {database, web}
    databases = {(f["resource"].rsplit("/", 1)[1], f["problem"])
                 for f in by_control["security-group-database-ports"]["findings"]}
    assert {p for g, p in databases if g == database} == {
        f"ingress from ::/0 to port {port} (tcp 27000-28000)" for port in (27017, 27018, 27019)}
    assert {g for g, _ in databases} == {database, everything}
    unauthorized = {(f["resource"].rsplit("/", 1)[1], f["problem"])
                    for f in by_control["security-group-authorized-ports"]["findings"]}
    assert {p for g, p in unauthorized if g == web} == {
        "ingress from 0.0.0.0/0 to tcp 443-444, beyond the authorized ports",
        "ingress from 0.0.0.0/0 to icmp -1--1, beyond the authorized ports",
        "ingress from 0.0.0.0/0 to udp 443-443, beyond the authorized ports"}
    assert {g for g, _ in unauthorized} == {ssh, rdp, smb, everything, database, web}
    acl_problems = {(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in
                    by_control["network-acl-admin-ports"]["findings"]}
    assert (acl, "ingress rule 100 allows port 3389 from 0.0.0.0/0") in acl_problems
    assert any(p.startswith("the default group of vpc-") for p in
               (f["problem"] for f in by_control["default-security-group-closed"]["findings"]))


@pytest.mark.parametrize("operation", ["DescribeSecurityGroups", "DescribeNetworkAcls"])
def test_unreadable_api_errors(operation, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation=operation, account=PROD)
    suite = run_suite(*CONTROLS, baseline=regional_baseline)
    errored = [r for r in suite.of_account(PROD).values() if r["outcome"] == "error"]
    expected = 6 if operation == "DescribeSecurityGroups" else 1
    assert len(errored) == expected
    assert all(f"could not read ec2:{operation} in account {PROD}" in r["message"] for r in errored)


def test_m_fsbp_selects_the_controls_that_evidence_fsbp(seeder, audit_roles, regional_baseline, run_suite):
    suite = run_suite(*CONTROLS, "-m", "fsbp", baseline=regional_baseline)

    assert set(suite.of_account(PROD)) == {
        "security-group-admin-ports", "security-group-high-risk-ports", "security-group-authorized-ports",
        "default-security-group-closed", "network-acl-admin-ports"}, suite.output
    fsbp = suite.results["frameworks"]["aws-fsbp"]
    assert fsbp["title"] == "AWS Foundational Security Best Practices"
    assert fsbp["items"]["EC2.19"]["controls"] == ["security-group-high-risk-ports"]
    assert fsbp["items"]["WAF.1"]["status"] == "retired"
    assert fsbp["items"]["S3.5"]["status"] == "not assessed"
