"""Amazon Macie is enabled in every region."""

import pytest

from compliance.evidence import Finding


@pytest.mark.control("macie-enabled")
def test_macie_enabled(macie_session, region_target, partition, evidence):
    evidence.record("session", macie_session)
    status = macie_session["status"] if macie_session is not None else None
    problem = None if status == "ENABLED" else ("Macie is not enabled" if status is None else f"Macie is {status}")
    evidence.verdict([Finding(f"arn:{partition}:macie2:{region_target.region}:{region_target.account.id}:session",
                              problem, f"aws macie2 enable-macie --region {region_target.region}")] if problem else [])
