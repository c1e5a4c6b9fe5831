"""Which privileged actions a policy leaves unguarded by MFA or network conditions."""

import pytest

from compliance.privilege import assumable_unguarded, merged, trusted_callers, unguarded_actions
from compliance.trust_zone import TrustZone

ADMIN = {"Effect": "Allow", "Action": "*", "Resource": "*"}
ACTIONS = ["iam:CreateAccessKey", "sts:AssumeRole"]
ROLE = "arn:aws:iam::111122223333:role/admin"
ZONE = TrustZone("o-abc123", frozenset({"111122223333"}))


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def test_admin_without_conditions_is_unguarded():
    assert unguarded_actions(doc(ADMIN), ACTIONS) == ACTIONS


@pytest.mark.parametrize("condition", [
    {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
    {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}},
    {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]}},
    {"StringEquals": {"aws:SourceVpc": "vpc-1234"}},
    {"StringEquals": {"aws:SourceVpce": "vpce-1234"}},
])
def test_mfa_and_network_conditions_guard(condition):
    assert unguarded_actions(doc({**ADMIN, "Condition": condition}), ACTIONS) == []


def test_a_cidr_that_restricts_nobody_does_not_guard():
    assert unguarded_actions(doc({**ADMIN, "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}), ACTIONS) == ACTIONS


def test_a_deny_without_mfa_in_another_policy_guards():
    force_mfa = {"Effect": "Deny", "NotAction": ["iam:ListMFADevices", "sts:GetSessionToken"], "Resource": "*",
                 "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
    assert unguarded_actions(merged([doc(ADMIN), doc(force_mfa)]), ACTIONS) == []


def test_scoped_resources_and_partial_actions():
    assume_admin = {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/Admin*"}
    assert unguarded_actions(doc(assume_admin), ACTIONS) == ["sts:AssumeRole"]
    assert unguarded_actions(doc({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}), ACTIONS) == []


def test_trust_policies():
    anyone_in_account = doc({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                             "Action": "sts:AssumeRole"})
    assert assumable_unguarded(anyone_in_account, ROLE, ZONE) == [
        "any principal of account 111122223333 (in the organization)"]
    with_mfa = doc({**anyone_in_account["Statement"][0], "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
    assert assumable_unguarded(with_mfa, ROLE, ZONE) == []
    service = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
    assert trusted_callers(service, ZONE) == [] and assumable_unguarded(service, ROLE, ZONE) == []


def test_a_trust_in_anyone_of_the_organization_is_weighed_for_its_members():
    org_only = doc({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
                    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})
    assert assumable_unguarded(org_only, ROLE, ZONE) == ["any principal of the organization"]
    anyone = doc({**org_only["Statement"][0], "Condition": {}})
    assert assumable_unguarded(anyone, ROLE, ZONE) == ["any AWS account outside the organization",
                                                       "any principal of the organization"]
    outsider = doc({**anyone["Statement"][0], "Principal": {"AWS": "arn:aws:iam::777788889999:role/ci"}})
    assert assumable_unguarded(outsider, ROLE, ZONE) == [
        "arn:aws:iam::777788889999:role/ci of account 777788889999 (outside the organization)"]
