"""The SSH host-key uniqueness control, proven both ways against moto."""

import pytest

from compliance.demo.moto_patches import (
    cloud_init_console,
    set_console_output,
    unique_fingerprints,
)
from compliance.demo.organization import WINDOWS_AMI, launch
from compliance.inventory.ec2 import ssh_host_key_fingerprints
from tests.conftest import DEV, PROD, write_baseline

CONTROL = "controls/ec2/test_ec2_ssh_host_key_uniqueness.py"
LEAKED = "SHA256:leakedleakedleakedleakedleakedleakedleaked0"


@pytest.fixture
def baseline(tmp_path):
    return write_baseline(tmp_path / "b.yaml", regions=["us-east-1", "eu-west-1"],
                          controls={"ec2-ssh-host-key-uniqueness": {"compromised_fingerprints": [LEAKED]}})


def verdict(suite):
    (result,) = suite.results["results"]
    return result


def test_unique_keys_pass_and_windows_is_out_of_scope(seeder, audit_roles, baseline, run_suite):
    launch(seeder, PROD, "us-east-1", count=2)
    launch(seeder, DEV, "eu-west-1")
    launch(seeder, DEV, "eu-west-1", image=WINDOWS_AMI)

    result = verdict(run_suite(CONTROL, baseline=baseline))

    assert result["outcome"] == "passed", result["message"]
    assert result["nodeid"].endswith("::test_ec2_ssh_host_key_uniqueness")  # once for the estate
    assert sorted(i["Windows"] for i in result["evidence"]["instances"]) == [False, False, False, True]


def test_keys_shared_across_accounts_fail_naming_every_holder(seeder, audit_roles, baseline, run_suite):
    baked = cloud_init_console(unique_fingerprints("golden-image"))
    (first,) = launch(seeder, PROD, "us-east-1")
    (second,) = launch(seeder, DEV, "eu-west-1")
    launch(seeder, DEV, "eu-west-1")
    set_console_output(PROD, "us-east-1", first, baked)
    set_console_output(DEV, "eu-west-1", second, baked)

    result = verdict(run_suite(CONTROL, baseline=baseline))

    assert result["outcome"] == "failed"
    assert sorted(set(result["offending_resources"])) == [
        f"arn:aws:ec2:eu-west-1:{DEV}:instance/{second}", f"arn:aws:ec2:us-east-1:{PROD}:instance/{first}"]
    assert len(result["findings"]) == 6  # three key types, two holders each
    ecdsa = next(f for f in result["findings"] if f["resource"].endswith(first) and "ECDSA" in f["problem"])
    assert ecdsa["problem"].endswith(f"is shared with {second} (dev-{DEV} eu-west-1, ami-760aaa0f)")


def test_compromised_and_unreadable_keys_fail(seeder, audit_roles, baseline, run_suite):
    (leaky,) = launch(seeder, PROD, "us-east-1")
    (silent,) = launch(seeder, PROD, "eu-west-1")
    set_console_output(PROD, "us-east-1", leaky, cloud_init_console({"RSA": LEAKED}))
    set_console_output(PROD, "eu-west-1", silent, "Booting...\nlogin:\n")

    result = verdict(run_suite(CONTROL, baseline=baseline))

    problems = {f["resource"].rsplit("/", 1)[1]: f["problem"] for f in result["findings"]}
    assert problems == {
        leaky: f"RSA host key {LEAKED} is known to be compromised",
        silent: "not evaluable: its console output shows no SSH host key fingerprints",
    }


def test_same_verdict_with_and_without_xdist(seeder, audit_roles, baseline, run_suite):
    baked = cloud_init_console(unique_fingerprints("golden-image"))
    for account, region in ((PROD, "us-east-1"), (DEV, "eu-west-1")):
        (instance,) = launch(seeder, account, region)
        set_console_output(account, region, instance, baked)
    serial, parallel = run_suite(CONTROL, "-n", "0", baseline=baseline), run_suite(CONTROL, "-n", "2", baseline=baseline)
    assert verdict(serial)["findings"] == verdict(parallel)["findings"] != []


def test_the_estates_account_regions_are_read_side_by_side(seeder, audit_roles, baseline, run_suite, local_aws):
    """One instance per account-region: only reading the account-regions
    together puts more than one EC2 request in flight."""
    for account in (PROD, DEV):
        for region in ("us-east-1", "eu-west-1"):
            launch(seeder, account, region)
    local_aws.latency = 0.05
    suite = run_suite(CONTROL, "-n", "0", "--max-concurrency=3", baseline=baseline)
    assert verdict(suite)["outcome"] == "passed" and suite.results["run"]["api"]["repeated"] == 0
    assert 2 <= local_aws.injector.max_in_flight["ec2"] <= 3


def test_an_unreachable_account_errors_the_estate_verdict(seeder, tmp_path, run_suite):
    from compliance.demo.organization import seed_audit_roles

    seed_audit_roles(seeder, [PROD])
    launch(seeder, PROD, "us-east-1")
    result = verdict(run_suite(CONTROL, baseline=write_baseline(tmp_path / "b.yaml")))
    assert result["outcome"] == "error"
    assert f"account dev-{DEV}: cannot assume" in result["message"]


@pytest.mark.parametrize("operation", ["DescribeInstances", "GetConsoleOutput"])
def test_unreadable_api_errors(operation, seeder, audit_roles, baseline, run_suite, local_aws):
    launch(seeder, DEV, "eu-west-1")
    local_aws.inject("UnauthorizedOperation", "denied", service="ec2", operation=operation, account=DEV,
                     region="eu-west-1")
    result = verdict(run_suite(CONTROL, baseline=baseline))
    assert result["outcome"] == "error"
    assert f"could not read ec2:{operation} in account {DEV} region eu-west-1: UnauthorizedOperation" in result["message"]


def test_fingerprints_are_read_per_key_type_from_the_last_block():
    console = "\n".join([
        "-----BEGIN SSH HOST KEY FINGERPRINTS-----",
        "256 SHA256:old root@host (ECDSA)",
        "-----END SSH HOST KEY FINGERPRINTS-----",
        "ec2: reboot",
        "-----BEGIN SSH HOST KEY FINGERPRINTS-----",
        "256 SHA256:AAAA root@host (ECDSA)",
        "256 SHA256:BBBB root@host (ED25519)",
        "3072 SHA256:CCCC root@host (RSA)",
        "-----END SSH HOST KEY FINGERPRINTS-----",
    ])
    assert ssh_host_key_fingerprints(console) == {"ECDSA": "SHA256:AAAA", "ED25519": "SHA256:BBBB", "RSA": "SHA256:CCCC"}
    assert ssh_host_key_fingerprints("no cloud-init here") == {}
