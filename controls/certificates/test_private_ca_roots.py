"""AWS Private CA root certificate authorities are kept disabled."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("private-ca-root-disabled")
def test_private_ca_root_disabled(private_certificate_authorities, evidence):
    judge_each(evidence, "certificate_authorities", [ca for ca in private_certificate_authorities
                                                     if ca["Type"] == "ROOT"], ("Arn", "Type", "Status"),
               lambda ca: None if ca["Status"] in ("DISABLED", "DELETED") else f"the root CA is {ca['Status']}",
               lambda ca: "aws acm-pca update-certificate-authority --certificate-authority-arn "
                          f"{ca['Arn']} --status DISABLED")
