"""The DynamoDB and DAX controls, proven against moto: on-demand and
auto-scaled tables with recovery and deletion protection, and an encrypted
DAX cluster pass; a provisioned table without auto scaling, recovery or
protection, a table whose index does not scale, and an unencrypted DAX
cluster fail; each unreadable read errors."""

from compliance.demo.seed_data import dax_cluster, scale, table
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline
from tests.data_services import dev_failures, findings

CONTROLS = ["controls/dynamodb"]
TABLE_CONTROLS = ["dynamodb-capacity-scales", "dynamodb-point-in-time-recovery", "dynamodb-deletion-protection"]
DAX_CONTROLS = ["dax-encrypted-at-rest", "dax-encrypted-in-transit"]


def test_protected_tables_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    table(seeder, PROD, REGION, "orders", DeletionProtectionEnabled=True)
    table(seeder, PROD, REGION, "inventory", provisioned=True, index=True, DeletionProtectionEnabled=True)
    scale(seeder, PROD, REGION, "table/inventory")
    scale(seeder, PROD, REGION, "table/inventory/index/by-owner", kind="index")
    dax_cluster(seeder, PROD, REGION, "orders-cache")
    sandbox = table(seeder, DEV, REGION, "sandbox", provisioned=True, index=True, recovery=False)
    events = table(seeder, DEV, REGION, "events", provisioned=True, index=True, DeletionProtectionEnabled=True)
    scale(seeder, DEV, REGION, "table/events")
    plain = dax_cluster(seeder, DEV, REGION, "sandbox-cache", encrypted=False)
    suite = run_suite(*CONTROLS, baseline=regional_baseline)
    dev = dev_failures(suite, 5)
    assert findings(dev["dynamodb-capacity-scales"]) == [
        (events, "provisioned capacity without auto scaling: read capacity of index by-owner, "
                 "write capacity of index by-owner"),
        (sandbox, "provisioned capacity without auto scaling: read capacity of the table, write capacity of the "
                  "table, read capacity of index by-owner, write capacity of index by-owner")]
    assert findings(dev["dynamodb-point-in-time-recovery"]) == [(sandbox, "point-in-time recovery is DISABLED")]
    assert findings(dev["dynamodb-deletion-protection"]) == [(sandbox, "deletion protection is off")]
    assert findings(dev["dax-encrypted-at-rest"]) == [(plain, "encryption at rest is DISABLED, not ENABLED")]
    assert findings(dev["dax-encrypted-in-transit"]) == [(plain, "the endpoint's encryption is NONE, not TLS")]


def test_each_unreadable_read_errors(seeder, audit_roles, tmp_path, run_suite, local_aws):
    other = "us-east-1"
    for account, region in ((PROD, other), (DEV, REGION), (DEV, other)):
        table(seeder, account, region, "orders", DeletionProtectionEnabled=True)
    faults = {(PROD, REGION): ("dynamodb", "ListTables"), (PROD, other): ("dynamodb", "DescribeTable"),
              (DEV, REGION): ("dynamodb", "DescribeContinuousBackups"),
              (DEV, other): ("application-autoscaling", "DescribeScalableTargets")}
    for (account, region), (service, operation) in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation,
                         account=account, region=region)
    local_aws.inject("AccessDeniedException", "not authorized", service="dax", operation="DescribeClusters",
                     account=PROD, region=other)
    suite = run_suite(*CONTROLS, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, other]))
    assert_unreadable(suite.by_control(f"prod-{PROD}-{REGION}"), TABLE_CONTROLS, "dynamodb:ListTables")
    prod_other = suite.by_control(f"prod-{PROD}-{other}")
    assert_unreadable({c: prod_other[c] for c in TABLE_CONTROLS}, TABLE_CONTROLS, "dynamodb:DescribeTable")
    assert_unreadable({c: prod_other[c] for c in DAX_CONTROLS}, DAX_CONTROLS, "dax:DescribeClusters")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{REGION}"), ["dynamodb-point-in-time-recovery"],
                      "dynamodb:DescribeContinuousBackups")
    assert_unreadable(suite.by_control(f"dev-{DEV}-{other}"), ["dynamodb-capacity-scales"],
                      "application-autoscaling:DescribeScalableTargets")
