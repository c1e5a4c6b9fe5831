"""Where moto differs from the AWS API reference for the compute and network
controls (tested in tests/test_compute_ec2.py and the other compute tests).

- ec2:StopInstances: AWS records when an instance was stopped in its
  StateTransitionReason as "User initiated (YYYY-MM-DD hh:mm:ss GMT)"; moto
  writes "UTC". ``stopped_days_ago`` lets the demo and the tests stop an
  instance in the past.
- ec2:DescribeVpnConnections: AWS reports each tunnel's state in
  ``VgwTelemetry``; moto reports none. Here both tunnels are DOWN (as
  until a customer gateway device connects) unless ``set_tunnel_status``
  says otherwise.
- ec2:CreateClientVpnEndpoint / DescribeClientVpnEndpoints are missing from
  moto; here an endpoint keeps its description and ConnectionLogOptions.
- ssm:DescribeInstanceInformation, PutComplianceItems and
  ListResourceComplianceSummaries are missing from moto. Here a node is
  managed once ``register_managed_node`` says its agent reported (AWS learns
  it from the SSM Agent, not through an API); compliance items are kept per
  node and compliance type, and summarised as AWS does: NON_COMPLIANT when
  any item is, with the highest severity among those that are not
  compliant.
"""

import datetime

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.ec2.models.instances import Instance
from moto.ec2.models.vpn_connections import VPNConnection
from moto.ec2.responses import EC2Response
from moto.ec2.utils import random_id
from moto.ssm import responses as ssm_responses
from moto.ssm.models import ssm_backends

_applied = False


def _transition_reason(when):
    return f"User initiated ({when.strftime('%Y-%m-%d %H:%M:%S')} GMT)"


def _stop_noting_gmt(stop):
    def patched(self):
        previous = stop(self)
        self._reason = _transition_reason(utcnow())
        return previous
    return patched


def stopped_days_ago(account_id, region, instance_id, days):
    """Stop ``instance_id`` as if it had been stopped ``days`` days ago (demo and tests)."""
    instance = ec2_backends[account_id][region].get_instance(instance_id)
    instance.stop()
    instance._reason = _transition_reason(utcnow() - datetime.timedelta(days=days))


TUNNEL_ADDRESSES = ("203.0.113.10", "203.0.113.20")  # documentation range (RFC 5737)


def _vgw_telemetry(self):
    statuses = self.__dict__.get("compliance_suite_tunnels", ("DOWN", "DOWN"))
    return [{"OutsideIpAddress": address, "Status": status, "StatusMessage": "", "AcceptedRouteCount": 0,
             "LastStatusChange": utcnow()} for address, status in zip(TUNNEL_ADDRESSES, statuses)]


def set_tunnel_status(account_id, region, vpn_connection_id, first, second):
    """Make the VPN connection's two tunnels report ``first`` and ``second`` (UP or DOWN; demo and tests)."""
    connection = ec2_backends[account_id][region].vpn_connections[vpn_connection_id]
    connection.__dict__["compliance_suite_tunnels"] = (first, second)


def _client_vpn_endpoints(backend):
    """{endpoint ID: ClientVpnEndpoint} of the EC2 backend."""
    return backend.__dict__.setdefault("compliance_suite_client_vpn_endpoints", {})


def _create_client_vpn_endpoint(self):
    endpoint_id = random_id(prefix="cvpn-endpoint", size=17)
    log_options = self._get_param("ConnectionLogOptions", {})
    _client_vpn_endpoints(self.ec2_backend)[endpoint_id] = {
        "ClientVpnEndpointId": endpoint_id, "Description": self._get_param("Description", ""),
        "Status": {"Code": "pending-associate"}, "ClientCidrBlock": self._get_param("ClientCidrBlock"),
        "DnsName": f"*.{endpoint_id}.prod.clientvpn.{self.region}.amazonaws.com",
        "ConnectionLogOptions": {"Enabled": log_options.get("Enabled") in (True, "true"),
                                 **{k: v for k, v in log_options.items() if k != "Enabled"}}}
    return ActionResult({"ClientVpnEndpointId": endpoint_id, "Status": {"Code": "pending-associate"},
                         "DnsName": _client_vpn_endpoints(self.ec2_backend)[endpoint_id]["DnsName"]})


def _describe_client_vpn_endpoints(self):
    endpoints = _client_vpn_endpoints(self.ec2_backend)
    return ActionResult({"ClientVpnEndpoints": [endpoints[i] for i in sorted(endpoints)]})


SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED")


def _nodes(backend):
    """{instance ID: InstanceInformation} of the SSM backend's managed nodes."""
    return backend.__dict__.setdefault("compliance_suite_nodes", {})


def _compliance(backend):
    """{(resource ID, compliance type): ResourceComplianceSummaryItem} of the SSM backend."""
    return backend.__dict__.setdefault("compliance_suite_compliance", {})


def register_managed_node(account_id, region, instance_id, ping_status="Online"):
    """Make ``instance_id`` a node Systems Manager manages, as its agent's first report does (demo and tests)."""
    _nodes(ssm_backends[account_id][region])[instance_id] = {
        "InstanceId": instance_id, "PingStatus": ping_status, "LastPingDateTime": utcnow(),
        "AgentVersion": "3.3.0.0", "IsLatestVersion": True, "PlatformType": "Linux", "ResourceType": "EC2Instance"}


def _describe_instance_information(self):
    return ActionResult({"InstanceInformationList": [_nodes(self.ssm_backend)[i]
                                                     for i in sorted(_nodes(self.ssm_backend))]})


def _put_compliance_items(self):
    items = self._get_param("Items", [])
    failing = [i.get("Severity", "UNSPECIFIED") for i in items if i.get("Status") == "NON_COMPLIANT"]
    summary = {"ComplianceType": self._get_param("ComplianceType"), "ResourceType": self._get_param("ResourceType"),
               "ResourceId": self._get_param("ResourceId"), "Status": "NON_COMPLIANT" if failing else "COMPLIANT",
               "OverallSeverity": min(failing, key=SEVERITIES.index) if failing else "UNSPECIFIED",
               "ExecutionSummary": self._get_param("ExecutionSummary"),
               "CompliantSummary": {"CompliantCount": len(items) - len(failing)},
               "NonCompliantSummary": {"NonCompliantCount": len(failing)}}
    _compliance(self.ssm_backend)[(summary["ResourceId"], summary["ComplianceType"])] = summary
    return ActionResult({})


def _list_resource_compliance_summaries(self):
    wanted = {f["Key"]: f["Values"] for f in self._get_param("Filters", [])}
    found = [s for key, s in sorted(_compliance(self.ssm_backend).items())
             if all(s.get(name) in values for name, values in wanted.items())]
    return ActionResult({"ResourceComplianceSummaryItems": found})


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    Instance.stop = _stop_noting_gmt(Instance.stop)
    VPNConnection.vgw_telemetry = property(_vgw_telemetry)
    EC2Response.create_client_vpn_endpoint = _create_client_vpn_endpoint
    EC2Response.describe_client_vpn_endpoints = _describe_client_vpn_endpoints
    ssm = ssm_responses.SimpleSystemManagerResponse
    ssm.describe_instance_information = _describe_instance_information
    ssm.put_compliance_items = _put_compliance_items
    ssm.list_resource_compliance_summaries = _list_resource_compliance_summaries
    _applied = True
