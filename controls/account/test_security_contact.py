"""Every account names a security contact for AWS to reach."""

import pytest

from compliance.evidence import Finding, root_arn


@pytest.mark.control("account-security-contact")
def test_account_security_contact(security_contact, account_target, partition, evidence):
    evidence.record("security_contact", security_contact)
    missing = [field for field in ("EmailAddress", "PhoneNumber")
               if not (security_contact or {}).get(field, "").strip()]
    findings = [Finding(root_arn(partition, account_target.id),
                        "no security contact is registered" if security_contact is None
                        else f"the security contact has no {' or '.join(missing)}",
                        "aws account put-alternate-contact --alternate-contact-type SECURITY --name <team> "
                        "--title <role> --email-address <shared mailbox> --phone-number <on-call number>")
                ] if missing else []
    evidence.verdict(findings)
