"""Where moto's edge services differ from the AWS API reference, make them
match it. Every patch here is tested in tests/test_edge_<service>.py.

- elbv2:DescribeLoadBalancerAttributes: AWS reports every attribute of an
  Application Load Balancer, among them routing.http.desync_mitigation_mode
  (default defensive) and routing.http.drop_invalid_header_fields.enabled
  (default false); moto reports them only once they were set.
- elb:DescribeLoadBalancerAttributes: AWS reports the Classic Load Balancer's
  AdditionalAttributes elb.http.desyncmitigationmode (default defensive);
  moto reports none until ModifyLoadBalancerAttributes, and then adds another
  "defensive" entry at every call that does not name additional attributes.
  ModifyLoadBalancerAttributes changes the keys it names and keeps the others.
- cloudfront:GetDistributionConfig / ListDistributions: AWS reports each
  origin's S3OriginConfig and OriginAccessControlId as they were set; moto
  drops both.
- wafv2:ListLoggingConfigurations: with Scope CLOUDFRONT, AWS lists the
  logging configurations of CLOUDFRONT web ACLs (ARNs arn:aws:wafv2:us-east-1:
  <account>:global/webacl/...); moto looks for ":global:" in the ARN and finds none.
- wafv2:ListResourcesForWebACL is missing from moto; here it lists the
  associated resources of the ResourceType asked (default
  APPLICATION_LOAD_BALANCER), as the AWS API reference does.
- network-firewall: CreateFirewallPolicy / DescribeFirewallPolicy /
  ListFirewallPolicies and CreateRuleGroup / DescribeRuleGroup /
  ListRuleGroups are missing from moto; here each policy and rule group is
  kept as it was created and described as the AWS API reference does.
"""

import functools
import json

from moto.cloudfront import models as cloudfront_models
from moto.core.responses import ActionResult
from moto.elb import models as elb_models
from moto.elbv2 import models as elbv2_models
from moto.moto_api._internal import mock_random
from moto.networkfirewall import responses as networkfirewall_responses
from moto.networkfirewall.exceptions import ResourceNotFound
from moto.utilities.paginator import paginate
from moto.wafv2 import models as wafv2_models
from moto.wafv2 import responses as wafv2_responses
from moto.wafv2.exceptions import WAFNonexistentItemException

ALB_DEFAULTS = {"routing.http.desync_mitigation_mode": "defensive",
                "routing.http.drop_invalid_header_fields.enabled": "false"}
CLB_DESYNC = "elb.http.desyncmitigationmode"

_applied = False


def _alb_reports_default_attributes(init):
    @functools.wraps(init)
    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if self.type == "application":
            self.attrs.update(ALB_DEFAULTS)
    return patched


def _classic_default_attributes():
    attributes = _original_classic_defaults()
    attributes["additional_attributes"] = [(CLB_DESYNC, "defensive")]
    return attributes


def _modify_keeps_additional_attributes(self, load_balancer_name, cross_zone=None, connection_settings=None,
                                        connection_draining=None, access_log=None, additional_attributes=None):
    load_balancer = self.get_load_balancer(load_balancer_name)
    kept = dict(load_balancer.attributes["additional_attributes"])
    kept.update((a["Key"], a["Value"]) for a in additional_attributes or [])
    _original_modify(self, load_balancer_name, cross_zone, connection_settings, connection_draining, access_log,
                     [{"Key": k, "Value": v} for k, v in kept.items()])


def _origin_keeps_s3_settings(init):
    @functools.wraps(init)
    def patched(self, origin):
        init(self, origin)
        if "S3OriginConfig" in origin:
            self.s3_origin_config = origin["S3OriginConfig"]
        self.origin_access_control_id = origin.get("OriginAccessControlId", "")
    return patched


@paginate(wafv2_models.PAGINATION_MODEL)
def list_logging_configurations(self, scope):  # the name moto's paginate looks its model up by
    """The logging configurations of the scope's web ACLs."""
    kind = ":global/" if scope == "CLOUDFRONT" else ":regional/"
    return [configuration for arn, configuration in self.logging_configurations.items() if kind in arn]


# What a resource ARN of each ListResourcesForWebACL ResourceType contains.
WAF_RESOURCE_TYPES = {"APPLICATION_LOAD_BALANCER": ":loadbalancer/app/", "API_GATEWAY": ":apigateway:",
                      "APPSYNC": ":appsync:", "COGNITO_USER_POOL": ":cognito-idp:",
                      "APP_RUNNER_SERVICE": ":apprunner:", "VERIFIED_ACCESS_INSTANCE": ":verified-access-instance/"}


def _list_resources_for_web_acl(self):
    body = json.loads(self.body)
    web_acl = self.wafv2_backend.wacls.get(body["WebACLArn"])
    if web_acl is None:
        raise WAFNonexistentItemException
    kind = WAF_RESOURCE_TYPES[body.get("ResourceType", "APPLICATION_LOAD_BALANCER")]
    return 200, {"Content-Type": "application/json"}, json.dumps(
        {"ResourceArns": [arn for arn in web_acl.associated_resources if kind in arn]})


def _kept(response, kind):
    """The region's firewall policies or rule groups of the account, by ARN."""
    return response.networkfirewall_backend.__dict__.setdefault(f"edge_{kind}", {})


def _firewall_resource(response, kind, arn_kind, name_key, document_key, **extra):
    name = response._get_param(name_key)
    arn = f"arn:aws:network-firewall:{response.region}:{response.current_account}:{arn_kind}/{name}"
    summary = {name_key: name, f"{name_key[:-4]}Arn": arn, f"{name_key[:-4]}Id": str(mock_random.uuid4()), **extra}
    _kept(response, kind)[arn] = {"summary": summary, "document": response._get_param(document_key)}
    return summary


def _create_firewall_policy(self):
    summary = _firewall_resource(self, "policies", "firewall-policy", "FirewallPolicyName", "FirewallPolicy")
    return ActionResult({"UpdateToken": "1", "FirewallPolicyResponse": summary})


def _described(response, kind, arn_key, name_key):
    kept = _kept(response, kind)
    arn = response._get_param(arn_key) or next(
        (a for a, r in kept.items() if r["summary"][name_key] == response._get_param(name_key)), None)
    if arn not in kept:
        raise ResourceNotFound(str(arn))
    return kept[arn]


def _describe_firewall_policy(self):
    kept = _described(self, "policies", "FirewallPolicyArn", "FirewallPolicyName")
    return ActionResult({"UpdateToken": "1", "FirewallPolicyResponse": kept["summary"],
                         "FirewallPolicy": kept["document"]})


def _list_firewall_policies(self):
    return ActionResult({"FirewallPolicies": [{"Name": r["summary"]["FirewallPolicyName"], "Arn": arn}
                                              for arn, r in _kept(self, "policies").items()]})


def _create_rule_group(self):
    summary = _firewall_resource(self, "rule_groups", f"{self._get_param('Type').lower()}-rulegroup",
                                 "RuleGroupName", "RuleGroup", Type=self._get_param("Type"))
    return ActionResult({"UpdateToken": "1", "RuleGroupResponse": summary})


def _describe_rule_group(self):
    kept = _described(self, "rule_groups", "RuleGroupArn", "RuleGroupName")
    return ActionResult({"UpdateToken": "1", "RuleGroupResponse": kept["summary"], "RuleGroup": kept["document"]})


def _list_rule_groups(self):
    wanted = self._get_param("Type")
    return ActionResult({"RuleGroups": [{"Name": r["summary"]["RuleGroupName"], "Arn": arn}
                                        for arn, r in _kept(self, "rule_groups").items()
                                        if wanted in (None, r["summary"]["Type"])]})


_original_classic_defaults = elb_models.LoadBalancer.get_default_attributes
_original_modify = elb_models.ELBBackend.modify_load_balancer_attributes


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    _applied = True
    elbv2_models.FakeLoadBalancer.__init__ = _alb_reports_default_attributes(elbv2_models.FakeLoadBalancer.__init__)
    elb_models.LoadBalancer.get_default_attributes = staticmethod(_classic_default_attributes)
    elb_models.ELBBackend.modify_load_balancer_attributes = _modify_keeps_additional_attributes
    cloudfront_models.Origin.__init__ = _origin_keeps_s3_settings(cloudfront_models.Origin.__init__)
    wafv2_models.WAFV2Backend.list_logging_configurations = list_logging_configurations
    wafv2_responses.WAFV2Response.list_resources_for_web_acl = _list_resources_for_web_acl
    firewall = networkfirewall_responses.NetworkFirewallResponse
    firewall.create_firewall_policy = _create_firewall_policy
    firewall.describe_firewall_policy = _describe_firewall_policy
    firewall.list_firewall_policies = _list_firewall_policies
    firewall.create_rule_group = _create_rule_group
    firewall.describe_rule_group = _describe_rule_group
    firewall.list_rule_groups = _list_rule_groups
