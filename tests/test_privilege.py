"""Which privileged actions a policy leaves unguarded by MFA or network conditions."""

import pytest

from compliance.privilege import assumable_unguarded, merged, trusted_callers, unguarded_actions

ADMIN = {"Effect": "Allow", "Action": "*", "Resource": "*"}
ACTIONS = ["iam:CreateAccessKey", "sts:AssumeRole"]
ROLE = "arn:aws:iam::111122223333:role/admin"


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
    assert assumable_unguarded(anyone_in_account, ROLE) == ["arn:aws:iam::111122223333:role/any-caller"]
    with_mfa = doc({**anyone_in_account["Statement"][0], "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
    assert assumable_unguarded(with_mfa, ROLE) == []
    service = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
    assert trusted_callers(service) == [] and assumable_unguarded(service, ROLE) == []
