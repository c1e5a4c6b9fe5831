"""Site-to-Site VPN connections have both tunnels up; Client VPN endpoints log connections."""

import pytest

from controls.judging import judge_each


def tunnels_down(connection):
    # A connection without VgwTelemetry has no tunnel AWS reports UP.
    tunnels = connection.get("VgwTelemetry", [])
    down = [t.get("OutsideIpAddress", "?") for t in tunnels if t["Status"] != "UP"]
    if down or len(tunnels) < 2:
        return f"tunnel(s) not UP: {', '.join(down) or f'{len(tunnels)} of 2 tunnels reported'}"
    return None


@pytest.mark.control("vpn-tunnels-up")
def test_vpn_tunnels_up(vpn_connections, evidence):
    judge_each(evidence, "vpn_connections", vpn_connections,
               ("Arn", "VpnConnectionId", "State", "CustomerGatewayId", "VgwTelemetry"), tunnels_down,
               lambda c: (f"configure both tunnels of {c['VpnConnectionId']} on the customer gateway device (aws ec2 "
                          f"get-vpn-connection-device-sample-configuration --vpn-connection-id {c['VpnConnectionId']} "
                          "...) and check its logs; aws ec2 modify-vpn-tunnel-options to fix mismatched settings"))


@pytest.mark.control("client-vpn-connection-logging")
def test_client_vpn_connection_logging(client_vpn_endpoints, evidence):
    judge_each(evidence, "client_vpn_endpoints", client_vpn_endpoints,
               ("Arn", "ClientVpnEndpointId", "Description", "ConnectionLogOptions"),
               lambda e: (None if e.get("ConnectionLogOptions", {}).get("Enabled")  # absent: not shown to log
                          else "the endpoint does not log client connections"),
               lambda e: (f"aws ec2 modify-client-vpn-endpoint --client-vpn-endpoint-id {e['ClientVpnEndpointId']} "
                          "--connection-log-options Enabled=true,CloudwatchLogGroup=<group>"))
