"""No customer-managed KMS key is scheduled for deletion unnoticed."""

import pytest

from compliance.evidence import Finding

# Key states in which KMS will delete the key material at the end of a waiting period.
DELETION_STATES = ("PendingDeletion", "PendingReplicaDeletion")


@pytest.mark.control("kms-key-deletion-pending")
def test_kms_key_deletion_pending(kms_keys, evidence):
    leaving = [key for key in kms_keys if key["KeyManager"] == "CUSTOMER" and key["KeyState"] in DELETION_STATES]
    evidence.record("keys_pending_deletion", [
        {name: key.get(name) for name in ("Arn", "Aliases", "KeyState", "DeletionDate", "PendingDeletionWindowInDays")}
        for key in leaving])
    evidence.verdict([
        Finding(key["Arn"],
                f"{key['KeyState']}: the key material is deleted on {key.get('DeletionDate', 'a date KMS does not report')}",
                f"aws kms cancel-key-deletion --key-id {key['Arn']} if anything still uses it (CloudTrail shows its "
                f"recent use); a deletion decided on is waived in the baseline until the date")
        for key in leaving])
