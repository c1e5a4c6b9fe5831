"""The VPC peering routes control, proven against moto."""

import pytest

from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/network/test_vpc_peering_routes.py"



def peered(seeder, account):
    """Two peered VPCs (10.1.0.0/16 and 10.2.0.0/16), each with a route table of its own."""
    ec2 = seeder.client("ec2", account, REGION)
    first, second = (ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"] for cidr in ("10.1.0.0/16", "10.2.0.0/16"))
    pcx = ec2.create_vpc_peering_connection(VpcId=first, PeerVpcId=second)["VpcPeeringConnection"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx["VpcPeeringConnectionId"])
    tables = [ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"] for vpc in (first, second)]
    return ec2, pcx["VpcPeeringConnectionId"], tables


def test_routes_within_the_peer_pass(seeder, audit_roles, regional_baseline, run_suite):
    ec2, pcx, (first, second) = peered(seeder, PROD)
    ec2.create_route(RouteTableId=first, DestinationCidrBlock="10.2.3.0/24", VpcPeeringConnectionId=pcx)
    ec2.create_route(RouteTableId=second, DestinationCidrBlock="10.1.0.0/16", VpcPeeringConnectionId=pcx)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    result = suite.result(f"prod-{PROD}-{REGION}")
    assert result["outcome"] == "passed", suite.output
    assert len(result["evidence"]["peering_routes"]) == 2


def test_routes_wider_than_the_peer_fail(seeder, audit_roles, regional_baseline, run_suite):
    ec2, pcx, (first, second) = peered(seeder, DEV)
    ec2.create_route(RouteTableId=first, DestinationCidrBlock="10.0.0.0/8", VpcPeeringConnectionId=pcx)
    ec2.create_route(RouteTableId=second, DestinationCidrBlock="0.0.0.0/0", VpcPeeringConnectionId=pcx)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    findings = suite.result(f"dev-{DEV}-{REGION}")["findings"]
    assert sorted((f["resource"].rsplit("/", 1)[1], f["problem"].split(", wider")[0]) for f in findings) == sorted([
        (first, f"routes 10.0.0.0/8 to {pcx}"), (second, f"routes 0.0.0.0/0 to {pcx}")])
    assert all(f["problem"].endswith("(10.2.0.0/16)") or f["problem"].endswith("(10.1.0.0/16)") for f in findings)


@pytest.mark.parametrize("operation", ["DescribeRouteTables", "DescribeVpcPeeringConnections"])
def test_unreadable_routes_error(operation, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    local_aws.inject("UnauthorizedOperation", "not authorized", service="ec2", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.result(f"prod-{PROD}-{REGION}")
    assert prod["outcome"] == "error" and f"could not read ec2:{operation}" in prod["message"]
    assert suite.result(f"dev-{DEV}-{REGION}")["outcome"] == "passed"


def test_route_rules_on_ipv6_prefix_lists_blackholes_and_unseen_connections():
    from controls.network.test_vpc_peering_routes import route_problems

    connection = {"RequesterVpcInfo": {"VpcId": "vpc-a", "CidrBlock": "10.1.0.0/16"},
                  "AccepterVpcInfo": {"VpcId": "vpc-b", "CidrBlock": "10.2.0.0/16",
                                      "CidrBlockSet": [{"CidrBlock": "10.2.0.0/16"}, {"CidrBlock": "10.9.0.0/16"}],
                                      "Ipv6CidrBlockSet": [{"Ipv6CidrBlock": "2600:1f18:aa::/56"}]}}

    def entry(route, pcx=connection):
        return {"VpcId": "vpc-a", "Route": {"VpcPeeringConnectionId": "pcx-1", **route}, "Connection": pcx}

    assert route_problems(entry({"DestinationCidrBlock": "10.9.1.0/24"})) == []  # a secondary block of the peer
    assert route_problems(entry({"DestinationIpv6CidrBlock": "2600:1f18:aa:1::/64"})) == []
    assert route_problems(entry({"DestinationIpv6CidrBlock": "::/0"})) == [
        "routes ::/0 to pcx-1, wider than peer VPC vpc-b (10.2.0.0/16, 10.9.0.0/16, 2600:1f18:aa::/56)"]
    prefix_list = entry({"DestinationPrefixListId": "pl-1"}) | {"PrefixListCidrs": ["10.2.0.0/20", "10.3.0.0/16"]}
    assert [p.split(",")[0] for p in route_problems(prefix_list)] == ["routes 10.3.0.0/16 to pcx-1"]
    assert route_problems(entry({"DestinationCidrBlock": "0.0.0.0/0", "State": "blackhole"}, None)) == []
    assert route_problems(entry({"DestinationCidrBlock": "10.2.0.0/16"}, None)) == [
        "routes to pcx-1, a peering connection the account cannot see"]
