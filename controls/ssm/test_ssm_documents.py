"""Systems Manager documents the account owns are not public."""

import pytest

from controls.judging import judge_each


@pytest.mark.control("ssm-documents-not-public")
def test_ssm_documents_not_public(ssm_documents, evidence):
    judge_each(evidence, "documents", ssm_documents, ("Arn", "Name", "DocumentType", "SharedWith"),
               lambda d: "the document is shared with every AWS account" if "all" in d["SharedWith"] else None,
               lambda d: (f"aws ssm modify-document-permission --name {d['Name']} --permission-type Share "
                          "--account-ids-to-remove all; turn on the account's public sharing block: aws ssm "
                          "update-service-setting --setting-id /ssm/documents/console/public-sharing-permission "
                          "--setting-value Disable"))
