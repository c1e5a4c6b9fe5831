"""Cognito user pools enforce threat protection."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("cognito-threat-protection")
def test_cognito_threat_protection(cognito_user_pools, evidence):
    judge_each(evidence, "user_pools", cognito_user_pools, ("Arn", "Name", "UserPoolAddOns"),
               lambda p: None if p.get("UserPoolAddOns", {}).get("AdvancedSecurityMode") == "ENFORCED"
               else f"threat protection is {p.get('UserPoolAddOns', {}).get('AdvancedSecurityMode', 'OFF')}, "
                    "not enforced",
               lambda p: f"aws cognito-idp update-user-pool --user-pool-id {p['Id']} "
                         "--user-pool-add-ons AdvancedSecurityMode=ENFORCED")
