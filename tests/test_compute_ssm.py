"""FSBP's Systems Manager controls (managed instances, patch and association
compliance, public documents) and the moto patches they need, proven against moto."""

from compliance.demo.moto_compute import register_managed_node
from compliance.demo.organization import LINUX_AMI, launch
from compliance.demo.seed_compute import manage_node, report_compliance, share_document
from tests.conftest import DEV, PROD, REGION, assert_unreadable

CONTROL = "controls/ssm"
NODE_CONTROLS = {"ssm-managed-instances", "ssm-patch-compliance", "ssm-association-compliance"}
CONTROLS = NODE_CONTROLS | {"ssm-documents-not-public"}


def findings(results, control):
    return [(f["resource"].rsplit("/", 1)[1], f["problem"]) for f in results[control]["findings"]]


def test_managed_compliant_nodes_pass_and_each_violation_fails(seeder, audit_roles, regional_baseline, run_suite):
    (managed,) = launch(seeder, PROD, REGION)
    manage_node(seeder, PROD, REGION, managed, "COMPLIANT", "COMPLIANT")
    (unassociated,) = launch(seeder, PROD, REGION)  # no association: none to break
    register_managed_node(PROD, REGION, unassociated)
    report_compliance(seeder, PROD, REGION, unassociated, "Patch", "COMPLIANT")
    share_document(seeder, PROD, REGION, "restart-web", [DEV])
    unpatched, failing, unscanned, unmanaged = launch(seeder, DEV, REGION, count=4)
    manage_node(seeder, DEV, REGION, unpatched, "NON_COMPLIANT", "COMPLIANT")
    manage_node(seeder, DEV, REGION, failing, "COMPLIANT", "NON_COMPLIANT")
    register_managed_node(DEV, REGION, unscanned, ping_status="ConnectionLost")
    report_compliance(seeder, DEV, REGION, unscanned, "Custom:Inventory", "COMPLIANT")
    seeder.client("ec2", DEV, REGION).stop_instances(InstanceIds=[unmanaged])
    share_document(seeder, DEV, REGION, "restart-web", ["all"])
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert {c: r["outcome"] for c, r in prod.items()} == dict.fromkeys(CONTROLS, "passed"), suite.output
    assert prod["ssm-documents-not-public"]["evidence"]["documents"][0]["SharedWith"] == [DEV]
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert {c: r["outcome"] for c, r in dev.items()} == dict.fromkeys(CONTROLS, "failed"), suite.output
    assert findings(dev, "ssm-managed-instances") == [(unmanaged, "Systems Manager does not manage the instance")]
    assert sorted(findings(dev, "ssm-patch-compliance")) == sorted([
        (unpatched, "Patch compliance is NON_COMPLIANT (1 non-compliant item(s), severity CRITICAL)"),
        (unscanned, "no patch compliance is recorded: no patch scan has reported")])
    assert findings(dev, "ssm-association-compliance") == [
        (failing, "Association compliance is NON_COMPLIANT (1 non-compliant item(s), severity CRITICAL)")]
    assert findings(dev, "ssm-documents-not-public") == [
        ("restart-web", "the document is shared with every AWS account")]


def test_unreadable_systems_manager_errors(seeder, audit_roles, regional_baseline, run_suite, local_aws):
    launch(seeder, DEV, REGION, image=LINUX_AMI)
    share_document(seeder, DEV, REGION, "restart-web", [PROD])
    local_aws.inject("AccessDeniedException", "not authorized", service="ssm",
                     operation="DescribeInstanceInformation", account=PROD)
    local_aws.inject("AccessDeniedException", "not authorized", service="ssm", operation="ListDocuments", account=PROD)
    local_aws.inject("AccessDeniedException", "not authorized", service="ssm",
                     operation="ListResourceComplianceSummaries", account=DEV)
    local_aws.inject("AccessDeniedException", "not authorized", service="ssm",
                     operation="DescribeDocumentPermission", account=DEV)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    prod = suite.by_control(f"prod-{PROD}-{REGION}")
    assert_unreadable({c: prod[c] for c in NODE_CONTROLS}, NODE_CONTROLS, "ssm:DescribeInstanceInformation")
    assert_unreadable({"d": prod["ssm-documents-not-public"]}, {"d"}, "ssm:ListDocuments")
    dev = suite.by_control(f"dev-{DEV}-{REGION}")
    assert dev["ssm-managed-instances"]["outcome"] == "failed"
    assert_unreadable({c: dev[c] for c in ("ssm-patch-compliance", "ssm-association-compliance")},
                      {"ssm-patch-compliance", "ssm-association-compliance"}, "ssm:ListResourceComplianceSummaries")
    assert_unreadable({"d": dev["ssm-documents-not-public"]}, {"d"}, "ssm:DescribeDocumentPermission")
