"""Routes to a VPC peering connection reach no further than the peer VPC."""

import ipaddress

import pytest

from compliance.evidence import Finding


def peer_of(connection, vpc_id):
    """The connection's VpcInfo for the side that is not ``vpc_id``."""
    requester, accepter = connection["RequesterVpcInfo"], connection["AccepterVpcInfo"]
    return accepter if requester.get("VpcId") == vpc_id else requester


def peer_networks(info):
    """Every IPv4 and IPv6 block of a peered VPC."""
    blocks = {info.get("CidrBlock")} | {b["CidrBlock"] for b in info.get("CidrBlockSet", [])}
    blocks |= {b["Ipv6CidrBlock"] for b in info.get("Ipv6CidrBlockSet", [])}
    return [ipaddress.ip_network(b) for b in sorted(blocks - {None})]


def destinations(entry):
    route = entry["Route"]
    keys = [k for k in ("DestinationCidrBlock", "DestinationIpv6CidrBlock") if k in route]
    if not keys and "DestinationPrefixListId" not in route:
        keys = ["DestinationCidrBlock"]  # every route has a destination: without one, error naming it
    return [route[k] for k in keys] + entry.get("PrefixListCidrs", [])


def within(cidr, networks):
    network = ipaddress.ip_network(cidr)
    return any(network.version == n.version and network.subnet_of(n) for n in networks)


def route_problems(entry):
    route, connection = entry["Route"], entry["Connection"]
    if route.get("State") == "blackhole":
        return []  # the connection is gone: nothing flows
    if connection is None:
        return [f"routes to {route['VpcPeeringConnectionId']}, a peering connection the account cannot see"]
    peer = peer_of(connection, entry["VpcId"])
    networks = peer_networks(peer)
    holds = ", ".join(str(n) for n in networks) or "no address block"
    return [f"routes {cidr} to {route['VpcPeeringConnectionId']}, wider than peer VPC {peer.get('VpcId')} "
            f"({holds})" for cidr in destinations(entry) if not within(cidr, networks)]


@pytest.mark.control("vpc-peering-routes-least-access")
def test_vpc_peering_routes_least_access(peering_routes, region_target, partition, evidence):
    evidence.record("peering_routes", peering_routes)
    findings = [
        Finding(f"arn:{partition}:ec2:{region_target.region}:{region_target.account.id}:route-table/"
                f"{entry['RouteTableId']}", problem,
                f"aws ec2 replace-route --route-table-id {entry['RouteTableId']} with a destination inside the "
                "peer VPC (its subnets that this VPC needs), or delete the route")
        for entry in peering_routes for problem in route_problems(entry)
    ]
    evidence.verdict(findings)
