"""The policy evaluator on the cases that string matching gets wrong."""

import pytest

from compliance.policy import denies_insecure_transport
from compliance.policy_language import ALLOW, DENY, IMPLICIT_DENY, Request, evaluate, outsider_access
from compliance.trust_zone import TrustZone

BUCKET = "arn:aws:s3:::data"
OBJECTS = [BUCKET, f"{BUCKET}/report.csv"]
ORG = "o-abc123"
OURS, OTHER, VENDOR = "111122223333", "777788889999", "999900001111"
# The organization's accounts and a trusted third party.
ZONE = TrustZone(ORG, frozenset({OURS, "444455556666"}), {VENDOR: "Vendor"})


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(principal="*", action="s3:GetObject", resource=f"{BUCKET}/*", **extra):
    return {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource, **extra}


def deny(principal="*", action="s3:*", resource=(BUCKET, f"{BUCKET}/*"), **extra):
    return {"Effect": "Deny", "Principal": principal, "Action": action, "Resource": list(resource), **extra}


def outside(document, zone=ZONE):
    """Labels of the statements that let someone outside ``zone`` in."""
    return [grant.statement for grant in outsider_access(document, OBJECTS, "s3", zone)]


public = outside


def request(action="s3:GetObject", resource=f"{BUCKET}/report.csv", principal="arn:aws:iam::111122223333:role/app",
            **context):
    return Request(action=action, resource=resource, principal=principal, context=context)


# --- one request -----------------------------------------------------------

def test_an_explicit_deny_beats_any_allow():
    document = policy(allow(), deny(Condition={"Bool": {"aws:SecureTransport": "false"}}))
    assert evaluate(document, request(**{"aws:SecureTransport": "true"})) == ALLOW
    assert evaluate(document, request(**{"aws:SecureTransport": "false"})) == DENY
    assert evaluate(policy(allow(action="s3:PutObject")), request()) == IMPLICIT_DENY


def test_actions_match_wildcards_without_case_and_resources_with_case():
    document = policy(allow(action="S3:get*", resource="arn:aws:s3:::data/Reports/*"))
    assert evaluate(document, request(resource="arn:aws:s3:::data/Reports/q1")) == ALLOW
    assert evaluate(document, request(resource="arn:aws:s3:::data/reports/q1")) == IMPLICIT_DENY
    assert evaluate(policy(allow(action="s3:Get?bject")), request()) == ALLOW


def test_negated_operators_hold_when_the_key_is_absent_and_positive_ones_do_not():
    not_equals = policy(allow(Condition={"StringNotEquals": {"aws:PrincipalOrgID": ORG}}))
    equals = policy(allow(Condition={"StringEquals": {"aws:PrincipalOrgID": ORG}}))
    assert evaluate(not_equals, request()) == ALLOW
    assert evaluate(equals, request()) == IMPLICIT_DENY
    assert evaluate(equals, request(**{"aws:PrincipalOrgID": ORG})) == ALLOW
    if_exists = policy(allow(Condition={"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}))
    assert evaluate(if_exists, request()) == ALLOW
    assert evaluate(if_exists, request(**{"aws:SourceVpce": "vpce-2"})) == IMPLICIT_DENY


def test_condition_keys_are_case_insensitive_and_any_value_of_a_key_matches():
    document = policy(allow(Condition={"StringEquals": {"AWS:SourceVpce": ["vpce-1", "vpce-2"]}}))
    assert evaluate(document, request(**{"aws:sourcevpce": "vpce-2"})) == ALLOW


def test_multivalued_keys_and_null():
    any_value = policy(allow(Condition={"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}))
    all_values = policy(allow(Condition={"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}))
    assert evaluate(any_value, request(**{"aws:TagKeys": ["team", "x"]})) == ALLOW
    assert evaluate(all_values, request(**{"aws:TagKeys": ["team", "x"]})) == IMPLICIT_DENY
    assert evaluate(all_values, request()) == ALLOW  # no values: all of none match
    assert evaluate(any_value, request()) == IMPLICIT_DENY
    assert evaluate(policy(allow(Condition={"Null": {"aws:SourceVpce": "true"}})), request()) == ALLOW


def test_ip_and_numeric_operators():
    document = policy(allow(Condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
                                       "NumericLessThan": {"s3:max-keys": "100"}}))
    assert evaluate(document, request(**{"aws:SourceIp": "10.1.2.3", "s3:max-keys": "10"})) == ALLOW
    assert evaluate(document, request(**{"aws:SourceIp": "11.1.2.3", "s3:max-keys": "10"})) == IMPLICIT_DENY
    assert evaluate(document, request(**{"aws:SourceIp": "10.1.2.3", "s3:max-keys": "1000"})) == IMPLICIT_DENY


def test_not_principal_and_account_principals():
    only_admin = policy(allow(), deny(NotPrincipal={"AWS": "arn:aws:iam::111122223333:role/admin"}))
    assert evaluate(only_admin, request(principal="arn:aws:iam::111122223333:role/admin")) == ALLOW
    assert evaluate(only_admin, request()) == DENY
    account = policy(allow(principal={"AWS": "111122223333"}))
    assert evaluate(account, request()) == ALLOW
    assert evaluate(account, request(principal="arn:aws:iam::444455556666:role/app")) == IMPLICIT_DENY
    assert evaluate(account, request(principal=None)) == IMPLICIT_DENY


def test_policy_variables_take_the_requests_value():
    document = policy(allow(resource=f"{BUCKET}/home/${{aws:username}}/*"))
    assert evaluate(document, request(resource=f"{BUCKET}/home/ana/x", **{"aws:username": "ana"})) == ALLOW
    assert evaluate(document, request(resource=f"{BUCKET}/home/bo/x", **{"aws:username": "ana"})) == IMPLICIT_DENY


# --- can an outsider be allowed? --------------------------------------------

@pytest.mark.parametrize("principal", ["*", {"AWS": "*"}, {"AWS": ["arn:aws:iam::111122223333:root", "*"]}])
def test_everyone_without_a_condition_is_public(principal):
    assert public(policy(allow(principal=principal))) == ["statement 0"]


def test_a_deny_outside_the_organization_overrides_a_public_allow():
    assert public(policy(allow(), deny(Condition={"StringNotEquals": {"aws:PrincipalOrgID": ORG}}))) == []


def test_a_deny_the_caller_can_avoid_does_not():
    tls_only = deny(Condition={"Bool": {"aws:SecureTransport": "false"}})
    assert public(policy(allow(), tls_only)) == ["statement 0"]


def test_string_equals_on_the_organization_restricts_and_string_not_equals_does_not():
    assert public(policy(allow(Condition={"StringEquals": {"aws:PrincipalOrgID": ORG}}))) == []
    assert public(policy(allow(Condition={"StringNotEquals": {"aws:PrincipalOrgID": ORG}}))) == ["statement 0"]
    assert public(policy(allow(Condition={"StringLike": {"aws:PrincipalOrgID": "o-*"}}))) == ["statement 0"]


def test_a_fixed_vpc_endpoint_restricts_unless_it_may_be_absent():
    assert public(policy(allow(Condition={"StringEquals": {"aws:SourceVpce": "vpce-1a2b"}}))) == []
    assert public(policy(allow(Condition={"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b"}}))) != []
    assert public(policy(allow(Condition={"StringLike": {"aws:SourceVpce": "vpce-*"}}))) != []


def test_source_ip_restricts_to_fixed_networks_only():
    assert public(policy(allow(Condition={"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/8"]}}))) == []
    assert public(policy(allow(Condition={"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}))) != []
    assert public(policy(allow(Condition={"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))) != []


def test_wildcard_actions_are_weighed_part_by_part():
    get_star = allow(action="s3:Get*")
    assert public(policy(get_star, deny(action="s3:GetObject"))) == ["statement 0"]  # other Get* remain
    assert public(policy(get_star, deny(action="s3:Get*"))) == []
    assert public(policy(get_star, deny(action="s3:Get?"))) == ["statement 0"]  # one character is not all
    # A Deny of everything but GetObject leaves GetObject open.
    all_but_get_object = {k: v for k, v in deny(NotAction="s3:GetObject").items() if k != "Action"}
    assert public(policy(get_star, all_but_get_object)) == ["statement 0"]
    all_but_list = {k: v for k, v in deny(NotAction="s3:ListBucket").items() if k != "Action"}
    assert public(policy(get_star, all_but_list)) == []


def test_not_principal_in_an_allow_is_public_and_in_a_deny_protects():
    everyone_else = {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
                     "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"}
    assert public(policy(everyone_else)) == ["statement 0"]
    assert public(policy(allow(), deny(NotPrincipal={"AWS": "arn:aws:iam::111122223333:root"}))) == []


def test_each_statement_is_judged_and_a_spared_prefix_stays_open():
    restricted = allow(Condition={"StringEquals": {"aws:SourceVpc": "vpc-1"}}, Sid="VpcOnly")
    open_one = allow(action="s3:ListBucket", resource=BUCKET, Sid="Listing")
    assert public(policy(restricted, open_one)) == ["Listing"]
    spare_public = deny(resource=[], NotResource=f"{BUCKET}/public/*",
                        Condition={"StringNotEquals": {"aws:PrincipalOrgID": ORG}})
    assert public(policy(allow(), spare_public)) == ["statement 0"]


def test_named_principals_are_not_public():
    assert public(policy(allow(principal={"AWS": "arn:aws:iam::111122223333:role/reader"}))) == []
    assert public(policy(allow(principal={"Service": "cloudtrail.amazonaws.com"}))) == []


def test_outside_the_organization_includes_other_organizations_and_accounts_it_names():
    assert outside(policy(allow(Condition={"StringEquals": {"aws:PrincipalOrgID": ORG}}))) == []
    assert outside(policy(allow(Condition={"StringEquals": {"aws:PrincipalOrgID": "o-theirs"}}))) == ["statement 0"]
    assert outside(policy(allow(principal={"AWS": "444455556666"}))) == []
    assert outside(policy(allow(principal={"AWS": f"arn:aws:iam::{OTHER}:role/reader"}))) == ["statement 0"]
    assert outside(policy(allow(Condition={"StringEquals": {"aws:PrincipalAccount": [OURS, OTHER]}}))) \
        == ["statement 0"]


def test_a_listed_third_party_is_inside_and_an_unlisted_one_is_not():
    assert outside(policy(allow(principal={"AWS": f"arn:aws:iam::{VENDOR}:root"}))) == []
    assert outside(policy(allow(Condition={"StringEquals": {"aws:PrincipalAccount": VENDOR}}))) == []
    unlisted = TrustZone(ORG, ZONE.accounts)
    assert outside(policy(allow(principal={"AWS": f"arn:aws:iam::{VENDOR}:root"})), unlisted) == ["statement 0"]


def test_principal_star_and_aws_star_are_the_same_grant():
    everyone, every_aws = (outsider_access(policy(allow(principal=p)), OBJECTS, "s3", ZONE) for p in ("*", {"AWS": "*"}))
    assert everyone == every_aws
    assert everyone[0].who == "anyone, unauthenticated" and everyone[0].anyone


@pytest.mark.parametrize("operator, key, value, inside", [
    ("StringEquals", "aws:PrincipalOrgID", ORG, True),
    ("StringEquals", "aws:PrincipalOrgID", "o-theirs", False),
    ("StringEqualsIfExists", "aws:PrincipalOrgID", ORG, False),  # absent for anonymous callers
    ("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", f"{ORG}/r-ab12/*", True),  # any OU of ours
    ("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "o-*/r-ab12/*", False),  # any organization
    ("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "o-theirs/*", False),
    ("StringEquals", "aws:SourceOrgID", ORG, True),
    ("StringEquals", "aws:SourceOrgID", "o-theirs", False),
    ("StringEqualsIfExists", "aws:SourceOrgID", ORG, False),
    ("StringEquals", "aws:ResourceOrgID", ORG, False),  # the resource's organization: ours, whoever calls
    ("StringEquals", "aws:PrincipalAccount", OURS, True),
    ("StringEquals", "aws:PrincipalAccount", OTHER, False),
    ("StringLike", "aws:PrincipalAccount", "1111*", False),  # other accounts begin so too
    ("StringEqualsIfExists", "aws:PrincipalAccount", OURS, False),
    ("StringEquals", "aws:SourceAccount", OURS, True),
    ("StringEquals", "aws:SourceAccount", OTHER, False),
    ("StringEqualsIfExists", "aws:SourceAccount", OURS, False),
    ("ArnLike", "aws:SourceArn", f"arn:aws:sns:us-east-1:{OURS}:*", True),  # fan-out from any topic of ours
    ("ArnLike", "aws:SourceArn", "arn:aws:sns:us-east-1:*:alerts", False),  # a topic in any account
    ("ArnLike", "aws:SourceArn", "arn:aws:s3:::logs-*", False),  # a bucket anyone may name so
    ("ArnEquals", "aws:SourceArn", "arn:aws:s3:::our-logs", True),
    ("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/deploy", False),  # a role name in any account
    ("ArnLike", "aws:PrincipalArn", f"arn:aws:iam::{OURS}:role/*", True),
])
def test_each_origin_key_is_inside_only_when_its_value_is_fixed_to_the_zone(operator, key, value, inside):
    assert outside(policy(allow(Condition={operator: {key: value}}))) == ([] if inside else ["statement 0"])


def test_the_finding_says_who_outside_gets_in():
    grant, = outsider_access(policy(allow(Condition={"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy"}})),
                             OBJECTS, "s3", ZONE)
    assert grant.who.startswith("arn:aws:iam::") and grant.who.endswith(":role/deploy, outside the organization")
    grant, = outsider_access(policy(allow(Condition={"StringEquals": {"aws:PrincipalOrgID": "o-theirs"}})),
                             OBJECTS, "s3", ZONE)
    assert grant.who == "any AWS account outside the organization (with aws:principalorgid o-theirs)"


def test_without_the_organizations_id_no_organization_is_ours():
    unknown = TrustZone(None, ZONE.accounts)
    assert outside(policy(allow(Condition={"StringEquals": {"aws:PrincipalOrgID": ORG}})), unknown) == ["statement 0"]


def test_denying_insecure_transport_must_cover_every_action_and_caller():
    tls = deny(Condition={"Bool": {"aws:SecureTransport": "false"}})
    insider = ("111122223333", ORG)
    assert denies_insecure_transport(policy(tls), "data", insider=insider)
    assert not denies_insecure_transport(policy(tls | {"Action": "s3:GetObject"}), "data")
    assert not denies_insecure_transport(policy(tls | {"Resource": f"{BUCKET}/*"}), "data")
    only_outsiders = tls | {"Condition": {"Bool": {"aws:SecureTransport": "false"},
                                          "StringNotEquals": {"aws:PrincipalOrgID": ORG}}}
    assert denies_insecure_transport(policy(only_outsiders), "data")  # to outsiders, yes
    assert not denies_insecure_transport(policy(only_outsiders), "data", insider=insider)
