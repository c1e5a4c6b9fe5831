"""EBS volumes attached to instances are encrypted at rest."""

import pytest

from controls.judging import judge_each


def attached_to(volume):
    return ", ".join(a["InstanceId"] for a in volume.get("Attachments", []) if "InstanceId" in a)


@pytest.mark.control("ec2-attached-volumes-encrypted")
def test_ec2_attached_volumes_encrypted(attached_volumes, evidence):
    judge_each(evidence, "volumes", attached_volumes, ("Arn", "VolumeId", "Encrypted", "KmsKeyId", "Attachments"),
               lambda v: None if v["Encrypted"] else f"the volume attached to {attached_to(v)} is not encrypted",
               lambda v: (f"aws ec2 create-snapshot --volume-id {v['VolumeId']}; aws ec2 copy-snapshot --encrypted "
                          "--kms-key-id <key>; create a volume from the encrypted copy and swap it for this one "
                          "(stop the instance, detach, attach); aws ec2 enable-ebs-encryption-by-default"))
