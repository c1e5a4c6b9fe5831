"""The Glacier vault lock control, proven against moto (vault locks patched in)."""

import pytest

from compliance.demo.organization import vault
from tests.conftest import DEV, PROD, REGION

CONTROL = "controls/s3/test_glacier_vault_lock.py"



def test_locked_and_empty_vaults_pass(seeder, audit_roles, regional_baseline, run_suite):
    vault(seeder, PROD, REGION, "records", lock="Locked")
    vault(seeder, PROD, REGION, "empty", archives=0)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", suite.output


def test_unlocked_and_half_locked_vaults_fail(seeder, audit_roles, regional_baseline, run_suite):
    vault(seeder, DEV, REGION, "open")
    vault(seeder, DEV, REGION, "pending", lock="InProgress")
    suite = run_suite(CONTROL, baseline=regional_baseline)
    problems = sorted((f["resource"].rsplit("/", 1)[1], f["problem"].split(" (")[0])
                      for f in suite.result(f"dev-{DEV}-{REGION}")["findings"])
    assert problems == [("open", "holds 1 archives and has no vault lock"),
                        ("pending", "its vault lock is InProgress, not Locked")]


@pytest.mark.parametrize("operation", ["ListVaults", "GetVaultLock"])
def test_unreadable_api_errors(operation, seeder, audit_roles, regional_baseline, run_suite, local_aws):
    vault(seeder, PROD, REGION, "records", lock="Locked")
    local_aws.inject("AccessDeniedException", "not authorized", service="glacier", operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.result(f"prod-{PROD}-{REGION}")
    assert prod["outcome"] == "error" and f"could not read glacier:{operation}" in prod["message"]
