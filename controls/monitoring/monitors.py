"""The events each monitoring control needs a metric filter and alarm for:
the terms of the CIS AWS Foundations filter pattern (v5.0.0 section 4,
v7.0.0 section 5), and the SAML identity-provider changes."""


def events(*names, source=None):
    """Terms for ``$.eventName = <name>`` each (and ``$.eventSource`` when given)."""
    return (*((("eventSource", "=", source),) if source else ()), *(("eventName", "=", n) for n in names))


MONITORS = {
    "monitor-unauthorized-api-calls": (("errorCode", "=", "*UnauthorizedOperation"), ("errorCode", "=", "AccessDenied*")),
    "monitor-console-signin-without-mfa": (("eventName", "=", "ConsoleLogin"), ("additionalEventData.MFAUsed", "!=", "Yes")),
    "monitor-root-usage": (("userIdentity.type", "=", "Root"), ("userIdentity.invokedBy", "NOT EXISTS", ""),
                           ("eventType", "!=", "AwsServiceEvent")),
    "monitor-iam-policy-changes": events(
        "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
        "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy",
        "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"),
    "monitor-cloudtrail-changes": events("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"),
    "monitor-console-authentication-failures": (("eventName", "=", "ConsoleLogin"),
                                                ("errorMessage", "=", "Failed authentication")),
    "monitor-kms-key-disable-or-deletion": events("DisableKey", "ScheduleKeyDeletion", source="kms.amazonaws.com"),
    "monitor-s3-bucket-policy-changes": events(
        "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
        "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication",
        source="s3.amazonaws.com"),
    "monitor-config-changes": events("StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel",
                                     "PutConfigurationRecorder", source="config.amazonaws.com"),
    "monitor-security-group-changes": events(
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"),
    "monitor-network-acl-changes": events(
        "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"),
    "monitor-network-gateway-changes": events(
        "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
        "DeleteInternetGateway", "DetachInternetGateway"),
    "monitor-route-table-changes": events(
        "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
        "DeleteRoute", "DisassociateRouteTable", source="ec2.amazonaws.com"),
    "monitor-vpc-changes": events(
        "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection",
        "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc",
        "DisableVpcClassicLink", "EnableVpcClassicLink"),
    "monitor-organizations-changes": events(
        "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
        "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
        "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
        "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit",
        source="organizations.amazonaws.com"),
    "monitor-saml-provider-changes": events("CreateSAMLProvider", "UpdateSAMLProvider", "DeleteSAMLProvider"),
}


def pattern(control_id):
    """A filter pattern with every required term: terms on one selector are
    alternatives (||), different selectors must all hold (&&). The demo, the
    tests and each control's fix use it."""
    def term(selector, op, value):
        return f"($.{selector} {op})" if op == "NOT EXISTS" else f'($.{selector} {op} "{value}")'
    by_selector = {}
    for required in MONITORS[control_id]:
        by_selector.setdefault(required[0], []).append(term(*required))
    groups = [terms[0] if len(terms) == 1 else "(" + " || ".join(terms) + ")" for terms in by_selector.values()]
    return "{ " + " && ".join(groups) + " }"
