"""Amazon API Gateway: REST APIs' stages and HTTP/WebSocket APIs' stages and
routes. The stage reads are compliance.inventory.edge's, shared with the
access-logging control."""

from compliance.aws.answers import extended
from compliance.inventory import edge


def rest_stages(api, region, partition):
    """Every stage of every REST API of the region, each with ``restApiId``,
    ``restApiName`` and its ARN (``stageArn``)."""
    return [extended(stage, restApiId=rest_api["id"], restApiName=rest_api.get("name"),
                     stageArn=f"arn:{partition}:apigateway:{region}::/restapis/{rest_api['id']}/stages/{stage['stageName']}")
            for rest_api in edge.rest_api_stages(api, region) for stage in rest_api["Stages"]]


def websocket_stages(api, region, partition):
    """Every stage of every WebSocket API of the region, each with ``ApiId`` and its ARN (``StageArn``)."""
    return [extended(stage, ApiId=v2_api["ApiId"],
                     StageArn=f"arn:{partition}:apigateway:{region}::/apis/{v2_api['ApiId']}/stages/{stage['StageName']}")
            for v2_api in edge.http_api_stages(api, region) if v2_api["ProtocolType"] == "WEBSOCKET"
            for stage in v2_api["Stages"]]


def routes(api, region, partition):
    """Every route of every HTTP and WebSocket API of the region (``GetRoutes``
    for each API), each with ``ApiId``, ``ProtocolType`` and its ARN (``RouteArn``)."""
    return [extended(route, ApiId=v2_api["ApiId"], ProtocolType=v2_api["ProtocolType"],
                     RouteArn=f"arn:{partition}:apigateway:{region}::/apis/{v2_api['ApiId']}/routes/{route['RouteId']}")
            for v2_api in sorted(api.read("apigatewayv2", "GetApis", region)["Items"], key=lambda a: a["ApiId"])
            for route in api.read("apigatewayv2", "GetRoutes", region, ApiId=v2_api["ApiId"])["Items"]]
