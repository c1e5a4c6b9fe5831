"""DynamoDB tables follow their demand, can be restored to any second, and
cannot be deleted by mistake."""

import pytest

from controls.judging import judge_each
from controls.shapes import member, required

DIMENSIONS = ("ReadCapacityUnits", "WriteCapacityUnits")


def unscaled(table):
    """The capacities of a provisioned table and its global secondary indexes that auto scaling does not cover."""
    # BillingModeSummary is absent from tables made before on-demand existed: they are provisioned.
    if member(table, "BillingModeSummary.BillingMode") == "PAY_PER_REQUEST":
        return []
    resources = [(f"table/{table['TableName']}", "table", "the table")] + [
        (f"table/{table['TableName']}/index/{i['IndexName']}", "index", f"index {i['IndexName']}")
        for i in table.get("GlobalSecondaryIndexes", [])]
    return [f"{dimension[:-len('CapacityUnits')].lower()} capacity of {name}"
            for resource, kind, name in resources for dimension in DIMENSIONS
            if f"{resource} dynamodb:{kind}:{dimension}" not in table["ScaledDimensions"]]


@pytest.mark.control("dynamodb-capacity-scales")
def test_dynamodb_capacity_scales(dynamodb_table_scaling, evidence):
    judge_each(evidence, "tables", dynamodb_table_scaling,
               ("TableArn", "BillingModeSummary", "ProvisionedThroughput", "ScaledDimensions"),
               lambda t: f"provisioned capacity without auto scaling: {', '.join(missing)}"
               if (missing := unscaled(t)) else None,
               lambda t: f"aws dynamodb update-table --table-name {t['TableName']} --billing-mode PAY_PER_REQUEST, "
                         "or aws application-autoscaling register-scalable-target --service-namespace dynamodb "
                         f"--resource-id table/{t['TableName']} --scalable-dimension <dimension> and "
                         "put-scaling-policy for each capacity named")


@pytest.mark.control("dynamodb-point-in-time-recovery")
def test_dynamodb_point_in_time_recovery(dynamodb_table_backups, evidence):
    status = "ContinuousBackups.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus"
    judge_each(evidence, "tables", dynamodb_table_backups, ("TableArn", "ContinuousBackups"),
               lambda t: None if member(t, status) == "ENABLED" else
               f"point-in-time recovery is {member(t, status) or 'not reported'}",
               lambda t: f"aws dynamodb update-continuous-backups --table-name {t['TableName']} "
                         "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=true")


@pytest.mark.control("dynamodb-deletion-protection")
def test_dynamodb_deletion_protection(dynamodb_tables, evidence):
    judge_each(evidence, "tables", dynamodb_tables, ("TableArn", "DeletionProtectionEnabled"),
               required("DeletionProtectionEnabled", "deletion protection is off"),
               lambda t: f"aws dynamodb update-table --table-name {t['TableName']} --deletion-protection-enabled")
