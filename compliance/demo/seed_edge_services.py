"""The demo organization's edge services beyond seed_edge's web ACLs and
access logs: how its load balancers and CloudFront distributions listen,
reach their origins and hold up; its AWS WAF rules, Route 53 zones,
certificates and network firewalls. The helpers serve the tests too."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from compliance.demo.organization import IDS, distribution

CERTIFICATE_DOMAIN = "shop.example.com"


def acm_certificate(seeder, account_id, region, domain=CERTIFICATE_DOMAIN):
    """An ACM certificate requested for ``domain``; returns its ARN."""
    return seeder.client("acm", account_id, region).request_certificate(DomainName=domain)["CertificateArn"]


def classic_load_balancer(seeder, account_id, region, name, listeners, zones=("a", "b"), **attributes):
    """A Classic Load Balancer with ``listeners`` in ``zones`` of ``region``
    and ``attributes`` (ModifyLoadBalancerAttributes' LoadBalancerAttributes)
    set; returns its ARN."""
    elb = seeder.client("elb", account_id, region)
    elb.create_load_balancer(LoadBalancerName=name, Listeners=listeners,
                             AvailabilityZones=[f"{region}{zone}" for zone in zones])
    if attributes:
        elb.modify_load_balancer_attributes(LoadBalancerName=name, LoadBalancerAttributes=attributes)
    return f"arn:aws:elasticloadbalancing:{region}:{account_id}:loadbalancer/{name}"


def hardened_classic_load_balancer(seeder, account_id, region, name, log_bucket):
    """A Classic Load Balancer that every control passes: HTTPS only with an
    ACM certificate, logging, draining and balancing across two zones."""
    return classic_load_balancer(
        seeder, account_id, region, name,
        [{"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP", "InstancePort": 80,
          "SSLCertificateId": acm_certificate(seeder, account_id, region)}],
        AccessLog={"Enabled": True, "S3BucketName": log_bucket, "EmitInterval": 5},
        ConnectionDraining={"Enabled": True, "Timeout": 300}, CrossZoneLoadBalancing={"Enabled": True})


def careless_classic_load_balancer(seeder, account_id, region, name):
    """A Classic Load Balancer that breaks every rule: plain HTTP, an IAM
    certificate, one zone, no logs, no draining, desync mitigation in monitor mode."""
    return classic_load_balancer(
        seeder, account_id, region, name,
        [{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80},
         {"Protocol": "SSL", "LoadBalancerPort": 443, "InstanceProtocol": "TCP", "InstancePort": 443,
          "SSLCertificateId": f"arn:aws:iam::{account_id}:server-certificate/legacy"}], zones=("a",),
        AdditionalAttributes=[{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}])


def set_attributes(seeder, account_id, region, arn, **attributes):
    """Set an Elastic Load Balancing v2 load balancer's attributes."""
    seeder.client("elbv2", account_id, region).modify_load_balancer_attributes(
        LoadBalancerArn=arn, Attributes=[{"Key": k, "Value": v} for k, v in attributes.items()])


def http_listener(seeder, account_id, region, arn, redirect):
    """Port 80 on the load balancer, redirecting to HTTPS or (not ``redirect``) answering itself in plain HTTP."""
    action = ({"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
              if redirect else {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "200"}})
    seeder.client("elbv2", account_id, region).create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80,
                                                               DefaultActions=[action])


def harden_application_load_balancer(seeder, account_id, region, arn):
    """Make the Application Load Balancer pass every load balancer control but the WAF and logging ones."""
    set_attributes(seeder, account_id, region, arn, **{
        "deletion_protection.enabled": "true", "routing.http.drop_invalid_header_fields.enabled": "true",
        "routing.http.desync_mitigation_mode": "strictest"})
    http_listener(seeder, account_id, region, arn, redirect=True)


def loosen_application_load_balancer(seeder, account_id, region, arn):
    """Make the Application Load Balancer serve plain HTTP, with desync mitigation in monitor mode."""
    set_attributes(seeder, account_id, region, arn, **{"routing.http.desync_mitigation_mode": "monitor"})
    http_listener(seeder, account_id, region, arn, redirect=False)


def network_load_balancer(seeder, account_id, region, name, subnets, deletion_protection):
    """A Network Load Balancer in ``subnets``; returns its ARN."""
    arn = seeder.client("elbv2", account_id, region).create_load_balancer(
        Name=name, Subnets=subnets, Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
    set_attributes(seeder, account_id, region, arn,
                   **{"deletion_protection.enabled": "true" if deletion_protection else "false"})
    return arn


def load_balancer_named(seeder, account_id, region, name):
    return seeder.client("elbv2", account_id, region).describe_load_balancers(Names=[name])["LoadBalancers"][0]


def custom_origin(origin_id, domain, policy="https-only", protocols=("TLSv1.2",)):
    return {"Id": origin_id, "DomainName": domain, "CustomOriginConfig": {
        "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": policy,
        "OriginSslProtocols": {"Quantity": len(protocols), "Items": list(protocols)}}}


def s3_origin(origin_id, bucket, access_control=""):
    return {"Id": origin_id, "DomainName": f"{bucket}.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""},
            "OriginAccessControlId": access_control}


def cache_behavior(target, viewer_policy, path=None):
    return {**({"PathPattern": path} if path else {}), "TargetOriginId": target, "ViewerProtocolPolicy": viewer_policy,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0}


def reconfigure_distribution(seeder, account_id, arn, **changes):
    """Update the distribution's configuration with ``changes`` (DistributionConfig members)."""
    cloudfront = seeder.client("cloudfront", account_id)
    distribution_id = arn.rsplit("/", 1)[1]
    answer = cloudfront.get_distribution_config(Id=distribution_id)
    cloudfront.update_distribution(Id=distribution_id, IfMatch=answer["ETag"],
                                   DistributionConfig={**answer["DistributionConfig"], **changes})


def harden_distribution(seeder, account_id, arn, site, assets_bucket):
    """Make the distribution pass every distribution control but the WAF and logging ones: ``site`` and
    a backup behind it in an origin group, over TLS 1.2 only; the existing
    bucket ``assets_bucket`` through origin access control; an ACM
    certificate served through SNI; a default root object."""
    cloudfront = seeder.client("cloudfront", account_id)
    access_control = cloudfront.create_origin_access_control(OriginAccessControlConfig={
        "Name": assets_bucket, "SigningProtocol": "sigv4", "SigningBehavior": "always",
        "OriginAccessControlOriginType": "s3"})["OriginAccessControl"]["Id"]
    reconfigure_distribution(
        seeder, account_id, arn, DefaultRootObject="index.html",
        Origins={"Quantity": 3, "Items": [custom_origin("origin", site), custom_origin("backup", f"backup.{site}"),
                                          s3_origin("assets", assets_bucket, access_control)]},
        OriginGroups={"Quantity": 1, "Items": [{
            "Id": "site", "FailoverCriteria": {"StatusCodes": {"Quantity": 2, "Items": [500, 503]}},
            "Members": {"Quantity": 2, "Items": [{"OriginId": "origin"}, {"OriginId": "backup"}]}}]},
        DefaultCacheBehavior=cache_behavior("origin", "redirect-to-https"),
        CacheBehaviors={"Quantity": 1, "Items": [cache_behavior("assets", "https-only", "/assets/*")]},
        ViewerCertificate={"ACMCertificateArn": acm_certificate(seeder, account_id, "us-east-1", site),
                           "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021",
                           "CloudFrontDefaultCertificate": False})


def loosen_distribution(seeder, account_id, arn, site, missing_bucket):
    """Make the distribution break every rule but SNI's: plain HTTP from
    viewers passed on to ``site`` (match-viewer, SSLv3 and TLSv1 allowed), an
    S3 origin naming ``missing_bucket`` (which does not exist) without origin
    access control, no default root object, no failover, CloudFront's certificate."""
    reconfigure_distribution(
        seeder, account_id, arn, DefaultRootObject="",
        Origins={"Quantity": 2, "Items": [custom_origin("origin", site, "match-viewer", ("SSLv3", "TLSv1")),
                                          s3_origin("assets", missing_bucket)]},
        DefaultCacheBehavior=cache_behavior("origin", "allow-all"))


def dedicated_ip_distribution(seeder, account_id, site):
    """A distribution serving an ACM certificate from dedicated IP addresses
    (vip) in front of ``site`` over plain HTTP; returns its ARN."""
    arn = distribution(seeder, account_id, site)
    reconfigure_distribution(
        seeder, account_id, arn, Origins={"Quantity": 1, "Items": [custom_origin("origin", site, "http-only")]},
        ViewerCertificate={"ACMCertificateArn": acm_certificate(seeder, account_id, "us-east-1", site),
                           "SSLSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1",
                           "CloudFrontDefaultCertificate": False})
    return arn


def distribution_for(seeder, account_id, origin):
    cloudfront = seeder.client("cloudfront", account_id)
    return next(d["ARN"] for d in cloudfront.list_distributions()["DistributionList"]["Items"]
                if d["Origins"]["Items"][0]["DomainName"] == origin)


def visibility(name, metrics=True):
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": metrics, "MetricName": name}


def rate_limit_rule(metrics=True):
    return {"Name": "rate-limit", "Priority": 0, "Action": {"Block": {}}, "VisibilityConfig": visibility(
        "rate-limit", metrics), "Statement": {"RateBasedStatement": {"Limit": 1000, "AggregateKeyType": "IP"}}}


def waf_region(scope, region):
    return "us-east-1" if scope == "CLOUDFRONT" else region


def harden_web_acl(seeder, account_id, region, arn, scope="REGIONAL"):
    """Give the web ACL a rate-limiting rule with metrics, and a log."""
    wafv2 = seeder.client("wafv2", account_id, waf_region(scope, region))
    name, acl_id = arn.rsplit("/", 2)[1:]
    acl = wafv2.get_web_acl(Name=name, Id=acl_id, Scope=scope)
    wafv2.update_web_acl(Name=name, Id=acl_id, Scope=scope, LockToken=acl["LockToken"], DefaultAction={"Allow": {}},
                         Rules=[rate_limit_rule()], VisibilityConfig=acl["WebACL"]["VisibilityConfig"])
    wafv2.put_logging_configuration(LoggingConfiguration={"ResourceArn": arn, "LogDestinationConfigs": [
        f"arn:aws:logs:{waf_region(scope, region)}:{account_id}:log-group:aws-waf-logs-{name}"]})


def rule_group(seeder, account_id, region, name, metrics):
    """A REGIONAL rule group of one rate-limiting rule, with CloudWatch metrics on or off; returns its ARN."""
    return seeder.client("wafv2", account_id, region).create_rule_group(
        Name=name, Scope="REGIONAL", Capacity=10, Rules=[rate_limit_rule(metrics)],
        VisibilityConfig=visibility(name, metrics))["Summary"]["ARN"]


def silent_web_acl(seeder, account_id, region, name):
    """A REGIONAL web ACL without rules, metrics or log; returns its ARN."""
    return seeder.client("wafv2", account_id, region).create_web_acl(
        Name=name, Scope="REGIONAL", DefaultAction={"Allow": {}},
        VisibilityConfig=visibility(name, metrics=False))["Summary"]["ARN"]


def web_acl_named(seeder, account_id, region, name, scope="REGIONAL"):
    acls = seeder.client("wafv2", account_id, waf_region(scope, region)).list_web_acls(Scope=scope)["WebACLs"]
    return next(acl["ARN"] for acl in acls if acl["Name"] == name)


def imported_certificate(seeder, account_id, region, domain, days_left, key_bits=2048):
    """A self-signed certificate for ``domain`` with an RSA key of
    ``key_bits``, ending ``days_left`` days from now, imported into ACM; returns its ARN."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=300))
                   .not_valid_after(now + datetime.timedelta(days=days_left)).sign(key, hashes.SHA256()))
    return seeder.client("acm", account_id, region).import_certificate(
        Certificate=certificate.public_bytes(serialization.Encoding.PEM),
        PrivateKey=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                     serialization.NoEncryption()))["CertificateArn"]


def certificate_authority(seeder, account_id, region, common_name, ca_type, status):
    """A private CA of ``ca_type`` (ROOT or SUBORDINATE) left in ``status``; returns its ARN."""
    pca = seeder.client("acm-pca", account_id, region)
    arn = pca.create_certificate_authority(CertificateAuthorityType=ca_type, CertificateAuthorityConfiguration={
        "KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
        "Subject": {"CommonName": common_name}})["CertificateAuthorityArn"]
    pca.update_certificate_authority(CertificateAuthorityArn=arn, Status=status)
    return arn


def public_zone(seeder, account_id, name, log_group=None):
    """A public hosted zone, logging its DNS queries to ``log_group`` (in us-east-1) when given; returns its ID."""
    route53 = seeder.client("route53", account_id)
    zone = route53.create_hosted_zone(Name=name, CallerReference=name)["HostedZone"]["Id"].rsplit("/", 1)[-1]
    if log_group:
        seeder.client("logs", account_id, "us-east-1").create_log_group(logGroupName=log_group)
        route53.create_query_logging_config(HostedZoneId=zone, CloudWatchLogsLogGroupArn=(
            f"arn:aws:logs:us-east-1:{account_id}:log-group:{log_group}:*"))
    return zone


def stateless_rule_group(seeder, account_id, region, name, rules=True):
    """A stateless rule group passing HTTPS to the stateful engine (or holding no rule); returns its ARN."""
    stateless_rules = [{"Priority": 1, "RuleDefinition": {
        "Actions": ["aws:forward_to_sfe"],
        "MatchAttributes": {"DestinationPorts": [{"FromPort": 443, "ToPort": 443}], "Protocols": [6]}}}]
    return seeder.client("network-firewall", account_id, region).create_rule_group(
        RuleGroupName=name, Type="STATELESS", Capacity=10, RuleGroup={"RulesSource": {
            "StatelessRulesAndCustomActions": {"StatelessRules": stateless_rules if rules else []}}},
    )["RuleGroupResponse"]["RuleGroupArn"]


def network_firewall(seeder, account_id, region, name, subnet, hardened):
    """A firewall with its policy and stateless rule group, in ``subnet``:
    hardened (rules, unmatched packets forwarded to the stateful engine,
    logs, deletion protection) or not (an empty rule group the policy does
    not name, unmatched packets passed, no logs, no protection); returns the firewall's ARN."""
    client = seeder.client("network-firewall", account_id, region)
    group = stateless_rule_group(seeder, account_id, region, name, rules=hardened)
    default = ["aws:forward_to_sfe"] if hardened else ["aws:pass"]
    policy = client.create_firewall_policy(FirewallPolicyName=name, FirewallPolicy={
        "StatelessDefaultActions": default, "StatelessFragmentDefaultActions": default,
        "StatelessRuleGroupReferences": [{"ResourceArn": group, "Priority": 1}] if hardened else []},
    )["FirewallPolicyResponse"]["FirewallPolicyArn"]
    vpc = seeder.client("ec2", account_id, region).describe_subnets(SubnetIds=[subnet])["Subnets"][0]["VpcId"]
    arn = client.create_firewall(FirewallName=name, FirewallPolicyArn=policy, VpcId=vpc,
                                 SubnetMappings=[{"SubnetId": subnet}], DeleteProtection=hardened)["Firewall"]["FirewallArn"]
    if hardened:
        client.update_logging_configuration(FirewallArn=arn, LoggingConfiguration={"LogDestinationConfigs": [
            {"LogType": "FLOW", "LogDestinationType": "CloudWatchLogs",
             "LogDestination": {"logGroup": f"/aws/network-firewall/{name}"}}]})
    return arn


def seed_edge_services(seeder):
    """prod's shop load balancer (seed_edge's) is hardened, and a legacy
    Classic Load Balancer beside it keeps every rule; dev's preview load
    balancer serves plain HTTP, and dev adds a careless Classic Load Balancer
    and a Network Load Balancer in one zone without deletion protection.
    prod's shop distribution (seed_edge's) keeps every CloudFront rule (its
    assets are the security account's public reports bucket);
    dev's preview distribution breaks them, and its legacy one serves its
    certificate from dedicated IP addresses. prod's web ACLs (seed_edge's)
    rate-limit, log and send metrics, as its rule group does; dev's web ACL
    has no rule, metrics or log, and its rule group no metrics. prod's
    public zone logs its queries, dev's does not. dev imported a certificate
    with a 1024-bit key that expires in 10 days, and keeps its private root
    CA active; prod's is disabled, its issuing CA active. prod's network
    firewall (in the shop's VPC) logs, resists deletion and inspects;
    dev's (in the preview's) passes everything unlogged."""
    prod, dev = IDS["prod"], IDS["dev"]
    shop = load_balancer_named(seeder, prod, "eu-west-1", "shop")
    harden_application_load_balancer(seeder, prod, "eu-west-1", shop["LoadBalancerArn"])
    network_firewall(seeder, prod, "eu-west-1", "shop-egress", shop["AvailabilityZones"][0]["SubnetId"], hardened=True)
    hardened_classic_load_balancer(seeder, prod, "eu-west-1", "shop-legacy", "prod-access-logs")
    preview = load_balancer_named(seeder, dev, "us-east-1", "preview")
    network_firewall(seeder, dev, "us-east-1", "preview-egress", preview["AvailabilityZones"][0]["SubnetId"],
                     hardened=False)
    loosen_application_load_balancer(seeder, dev, "us-east-1", preview["LoadBalancerArn"])
    careless_classic_load_balancer(seeder, dev, "us-east-1", "preview-legacy")
    network_load_balancer(seeder, dev, "us-east-1", "preview-tcp", [preview["AvailabilityZones"][0]["SubnetId"]],
                          deletion_protection=False)
    harden_distribution(seeder, prod, distribution_for(seeder, prod, "shop.example.com"), "shop.example.com",
                        "security-public-reports")
    loosen_distribution(seeder, dev, distribution_for(seeder, dev, "preview.example.com"), "preview.example.com",
                        "dev-preview-assets-deleted")
    dedicated_ip_distribution(seeder, dev, "legacy.example.com")
    for scope in ("REGIONAL", "CLOUDFRONT"):
        harden_web_acl(seeder, prod, "eu-west-1", web_acl_named(seeder, prod, "eu-west-1", "web", scope), scope)
    rule_group(seeder, prod, "eu-west-1", "shop-rules", metrics=True)
    silent_web_acl(seeder, dev, "us-east-1", "preview")
    rule_group(seeder, dev, "us-east-1", "preview-rules", metrics=False)
    public_zone(seeder, prod, "shop.example.com", log_group="/aws/route53/shop.example.com")
    public_zone(seeder, dev, "preview.example.com")
    imported_certificate(seeder, dev, "us-east-1", "old.preview.example.com", days_left=10, key_bits=1024)
    certificate_authority(seeder, prod, "eu-west-1", "Demo root CA", "ROOT", "DISABLED")
    certificate_authority(seeder, prod, "eu-west-1", "Demo issuing CA", "SUBORDINATE", "ACTIVE")
    certificate_authority(seeder, dev, "us-east-1", "Dev root CA", "ROOT", "ACTIVE")
