"""Transit gateways do not accept VPC attachment requests on their own."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("transit-gateway-no-auto-accept")
def test_transit_gateway_no_auto_accept(transit_gateways, evidence):
    judge_each(evidence, "transit_gateways", transit_gateways, ("Arn", "TransitGatewayId", "State", "Options"),
               lambda g: ("the transit gateway accepts shared VPC attachment requests automatically"
                          if g["Options"]["AutoAcceptSharedAttachments"] == "enable" else None),
               lambda g: (f"aws ec2 modify-transit-gateway --transit-gateway-id {g['TransitGatewayId']} "
                          "--options AutoAcceptSharedAttachments=disable"))
