"""The audit role template and the nightly workflow: linted, read-only, and
sufficient for every API operation the suite reads."""

import fnmatch
import json
import subprocess
import sys
from pathlib import Path

import yaml
from moto.iam.aws_managed_policies import aws_managed_policies_data

from compliance.aws import guard
from compliance.aws.permissions import iam_action, operations_read, required_actions
from tests.conftest import ROOT

TEMPLATE = ROOT / "deploy" / "audit-role.yaml"
WORKFLOW = ROOT / ".github" / "workflows" / "nightly-compliance.yml"
BIN = Path(sys.executable).parent


class _CloudFormationLoader(yaml.SafeLoader):
    """Reads !Ref, !Sub, !If... as plain data."""


def _intrinsic(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node, deep=True)}
    return {suffix: loader.construct_mapping(node, deep=True)}


_CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def template():
    return yaml.load(TEMPLATE.read_text(), Loader=_CloudFormationLoader)


def role():
    return template()["Resources"]["AuditRole"]["Properties"]


def statements(document):
    found = document["Statement"]
    return [found] if isinstance(found, dict) else found


def as_list(value):
    return [value] if isinstance(value, str) else value


def allowed_patterns():
    security_audit = json.loads(aws_managed_policies_data)["SecurityAudit"]["Document"]
    patterns = [a for s in statements(security_audit) if s["Effect"] == "Allow" for a in as_list(s["Action"])]
    for policy in role()["Policies"]:
        patterns += [a for s in statements(policy["PolicyDocument"]) if s["Effect"] == "Allow"
                     for a in as_list(s["Action"])]
    return patterns


def test_cfn_lint_passes():
    done = subprocess.run([BIN / "cfn-lint", str(TEMPLATE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_passes():
    done = subprocess.run([BIN / "actionlint", str(WORKFLOW)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_operation_the_suite_reads_is_allowed():
    patterns = allowed_patterns()
    missing = [a for a in required_actions() if not any(fnmatch.fnmatchcase(a, p) for p in patterns)]
    assert missing == []
    assert len(operations_read()) > 20  # the scan found the inventory's reads


def test_the_role_grants_nothing_that_writes():
    props = role()
    assert props["ManagedPolicyArns"] == [{"Sub": "arn:${AWS::Partition}:iam::aws:policy/SecurityAudit"}]
    for policy in props["Policies"]:
        for statement in statements(policy["PolicyDocument"]):
            for action in as_list(statement["Action"]):
                service, operation = action.split(":")
                assert guard.is_allowed(service, operation), action
    extra = [a for p in props["Policies"] for s in statements(p["PolicyDocument"]) for a in as_list(s["Action"])]
    assert set(extra) <= set(required_actions())  # exactly what the controls need, nothing more


def test_trust_is_limited_to_the_ci_identity_and_external_id():
    (statement,) = role()["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Principal"] == {"AWS": {"Ref": "TrustedPrincipalArn"}}
    assert statement["Action"] == "sts:AssumeRole"
    assert "sts:ExternalId" in json.dumps(statement["Condition"])


def test_operations_use_their_iam_names():
    assert iam_action("s3", "ListBuckets") == "s3:ListAllMyBuckets"
    assert iam_action("efs", "DescribeFileSystems") == "elasticfilesystem:DescribeFileSystems"
    assert iam_action("s3control", "GetPublicAccessBlock") == "s3:GetAccountPublicAccessBlock"
    assert iam_action("kms", "ListKeys") == "kms:ListKeys"
