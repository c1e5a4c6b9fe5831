"""S3 access points block public access."""

import pytest

from compliance.inventory.s3 import block_settings_off
from controls.judging import judge_each


@pytest.mark.control("s3-access-point-block-public-access")
def test_s3_access_point_block_public_access(s3_access_points, evidence):
    judge_each(evidence, "access_points", s3_access_points,
               ("AccessPointArn", "Name", "Bucket", "NetworkOrigin", "PublicAccessBlockConfiguration"),
               lambda p: (f"Block Public Access is off for the access point "
                          f"({', '.join(off)})") if (off := block_settings_off(p["PublicAccessBlockConfiguration"]))
               else None,
               lambda p: ("an access point's Block Public Access settings are fixed at creation: create one with "
                          f"aws s3control create-access-point --name <name> --bucket {p['Bucket']} "
                          "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
                          "BlockPublicPolicy=true,RestrictPublicBuckets=true, move clients to it, then delete "
                          f"{p['Name']}"))
