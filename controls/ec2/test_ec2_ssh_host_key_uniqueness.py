"""Every EC2 instance has its own, uncompromised SSH host keys."""

from collections import defaultdict

import pytest

from compliance.evidence import Finding

FIX = ("remove /etc/ssh/ssh_host_* and regenerate the host keys (ssh-keygen -A), and rebuild the image "
       "without host keys so that every launch generates its own")


def where(instance):
    return f"{instance['InstanceId']} ({instance['Account']} {instance['Region']}, {instance['ImageId']})"


def shared_key_findings(instances):
    holders = defaultdict(list)
    for instance in instances:
        for key_type, fingerprint in instance["Fingerprints"].items():
            holders[key_type, fingerprint].append(instance)
    findings = []
    for (key_type, fingerprint), sharing in sorted(holders.items()):
        if len(sharing) < 2:
            continue
        for instance in sharing:
            others = ", ".join(where(other) for other in sharing if other is not instance)
            findings.append(Finding(instance["Arn"], f"{key_type} host key {fingerprint} is shared with {others}", FIX))
    return findings


@pytest.mark.control("ec2-ssh-host-key-uniqueness")
def test_ec2_ssh_host_key_uniqueness(estate_ssh_host_keys, params, evidence):
    instances = estate_ssh_host_keys["instances"]
    evidence.record("instances", instances)
    evidence.record("regions_not_enabled", estate_ssh_host_keys["regions_not_enabled"])
    compromised = set(params["compromised_fingerprints"])
    linux = [i for i in instances if not i["Windows"]]
    findings = shared_key_findings(linux)
    for instance in linux:
        if not instance["Fingerprints"]:
            findings.append(Finding(instance["Arn"], "not evaluable: its console output shows no SSH host key "
                                    "fingerprints", "check that cloud-init prints the fingerprints at boot, or "
                                    "read them on the instance and record them"))
        for key_type, fingerprint in instance["Fingerprints"].items():
            if fingerprint in compromised:
                findings.append(Finding(instance["Arn"], f"{key_type} host key {fingerprint} is known to be compromised", FIX))
    evidence.verdict(findings)
