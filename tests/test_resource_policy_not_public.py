"""The resource-policy control, proven against moto: policies restricted to
the organization or a trusted third party pass, each service's policy open
to outsiders fails, unreadable policies error."""

import pytest

from compliance.demo.organization import create_function, create_key, open_policy
from tests.conftest import DEV, MANAGEMENT, OUTSIDER, PROD, REGION, organization_baseline, write_baseline

CONTROL = "controls/policies/test_resource_policy_not_public.py"


@pytest.fixture
def regional_baseline(tmp_path, organization):
    """The organization's accounts, in REGION only; the zone is read from its Organizations."""
    return organization_baseline(tmp_path / "baseline.yaml", regions=[REGION])


@pytest.fixture
def org_only(organization):
    return {"StringEquals": {"aws:PrincipalOrgID": organization}}


def seed(seeder, account, condition):
    """One of each resource in ``account``, each policy open to '*' under ``condition``."""
    sqs = seeder.client("sqs", account, REGION)
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": open_policy("sqs:SendMessage", queue_arn, condition)})
    sns = seeder.client("sns", account, REGION)
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy",
                             AttributeValue=open_policy("sns:Publish", topic, condition))
    key = create_key(seeder, account, REGION, "data")
    seeder.client("kms", account, REGION).put_key_policy(
        KeyId=key, PolicyName="default", Policy=open_policy("kms:Decrypt", "*", condition, principal={"AWS": "*"}))
    lam = create_function(seeder, account, REGION, "fn")
    permission = {"StatementId": "Open", "Action": "lambda:InvokeFunction", "FunctionName": "fn", "Principal": "*"}
    if condition:
        permission["PrincipalOrgID"] = condition["StringEquals"]["aws:PrincipalOrgID"]
    lam.add_permission(**permission)
    ecr = seeder.client("ecr", account, REGION)
    ecr.create_repository(repositoryName="images")
    ecr.set_repository_policy(repositoryName="images", policyText=open_policy("ecr:BatchGetImage", "*", condition))
    s3 = seeder.client("s3", account, REGION)
    s3.create_bucket(Bucket=f"shared-{account}", CreateBucketConfiguration={"LocationConstraint": REGION})
    s3.put_bucket_policy(Bucket=f"shared-{account}",
                         Policy=open_policy("s3:GetObject", f"arn:aws:s3:::shared-{account}/*", condition))



def test_policies_restricted_to_the_organization_pass(seeder, org_only, regional_baseline, run_suite):
    seed(seeder, PROD, org_only)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.returncode == 0, suite.output
    services = {r["Service"] for r in suite.result(f"prod-{PROD}-{REGION}")["evidence"]["resource_policies"]}
    assert services == {"sqs", "sns", "kms", "lambda", "ecr"}  # every service read, none public


def test_each_public_policy_fails_naming_resource_and_statement(seeder, regional_baseline, run_suite):
    seed(seeder, DEV, None)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    regional = suite.result(f"dev-{DEV}-{REGION}")
    assert regional["outcome"] == "failed"
    by_service = {f["resource"].split(":")[2]: f["problem"] for f in regional["findings"]}
    assert set(by_service) == {"sqs", "sns", "kms", "lambda", "ecr"}
    assert by_service["sqs"].startswith("policy statement Open allows sqs:SendMessage on arn:aws:sqs:")
    assert by_service["lambda"].endswith("to anyone, unauthenticated")
    assert by_service["kms"].endswith("to anyone, unauthenticated")  # {"AWS": "*"} is the same grant as "*"
    buckets = suite.result(f"dev-{DEV}")
    assert [f["resource"] for f in buckets["findings"]] == [f"arn:aws:s3:::shared-{DEV}"]
    assert suite.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed"


def test_restrict_public_buckets_makes_a_public_bucket_policy_unreachable(seeder, regional_baseline, run_suite):
    seed(seeder, DEV, None)
    seeder.client("s3control", DEV, "us-east-1").put_public_access_block(
        AccountId=DEV, PublicAccessBlockConfiguration={"RestrictPublicBuckets": True})
    suite = run_suite(CONTROL, baseline=regional_baseline)
    assert suite.result(f"dev-{DEV}")["outcome"] == "passed"


@pytest.mark.parametrize("service, operation", [
    ("sqs", "GetQueueAttributes"), ("sns", "ListTopics"), ("kms", "GetKeyPolicy"), ("lambda", "GetPolicy"),
    ("ecr", "GetRepositoryPolicy"), ("s3", "GetBucketPolicy")])
def test_an_unreadable_policy_errors(service, operation, seeder, org_only, regional_baseline, run_suite, local_aws):
    seed(seeder, PROD, org_only)
    local_aws.inject("AccessDenied", "not authorized", service=service, operation=operation, account=PROD)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    label = f"prod-{PROD}" if service == "s3" else f"prod-{PROD}-{REGION}"
    assert suite.result(label)["outcome"] == "error"
    assert f"could not read {service}:{operation} in account {PROD}" in suite.result(label)["message"]


def grant_queue_to(seeder, account, owner=PROD, name="partner-feed"):
    """A queue of ``owner`` whose policy names ``account``."""
    sqs = seeder.client("sqs", owner, REGION)
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": open_policy(
        "sqs:SendMessage", arn, None, principal={"AWS": f"arn:aws:iam::{account}:root"})})


def test_an_account_outside_the_organization_fails_unless_the_baseline_trusts_it(seeder, organization, tmp_path,
                                                                                 run_suite):
    grant_queue_to(seeder, OUTSIDER)
    untrusted = run_suite(CONTROL, baseline=organization_baseline(tmp_path / "a.yaml", regions=[REGION]))
    problem, = [f["problem"] for f in untrusted.result(f"prod-{PROD}-{REGION}")["findings"]]
    assert problem.endswith(f"to any principal of account {OUTSIDER}, outside the organization")
    party = {"account": OUTSIDER, "name": "Partner feed", "owner": "data@example.com", "ticket": "SEC-9"}
    trusted = run_suite(CONTROL, baseline=organization_baseline(tmp_path / "b.yaml", regions=[REGION],
                                                                trusted_third_parties=[party]))
    assert trusted.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", trusted.output


def test_without_organizations_the_zone_is_the_baselines(seeder, organization, org_only, tmp_path, run_suite,
                                                         local_aws):
    seed(seeder, PROD, org_only)
    local_aws.inject("AccessDenied", "not authorized", service="organizations", operation="DescribeOrganization")
    stated = run_suite(CONTROL, baseline=organization_baseline(tmp_path / "a.yaml", regions=[REGION],
                                                               organization_id=organization))
    assert stated.result(f"prod-{PROD}-{REGION}")["outcome"] == "passed", stated.output
    zone = stated.result(f"prod-{PROD}-{REGION}")["evidence"]["trust_zone"]
    assert zone["OrganizationId"] == organization and "AWS Organizations could not be read" in zone["Source"]
    unstated = run_suite(CONTROL, baseline=organization_baseline(tmp_path / "b.yaml", regions=[REGION]))
    regional = unstated.result(f"prod-{PROD}-{REGION}")
    assert regional["outcome"] == "failed"
    assert all("no organization counts as ours" in f["problem"] for f in regional["findings"])


def test_an_account_outside_the_organization_trusts_itself_and_no_one_else(seeder, organization, tmp_path,
                                                                            run_suite):
    grant_queue_to(seeder, OUTSIDER, owner=OUTSIDER, name="own")
    accounts = {"list": [{"id": MANAGEMENT, "name": "management", "role": "management"},
                         {"id": OUTSIDER, "name": "acquired"}]}
    own = run_suite(CONTROL, baseline=write_baseline(tmp_path / "a.yaml", accounts=accounts, regions=[REGION]))
    result = own.result(f"acquired-{OUTSIDER}-{REGION}")
    assert result["outcome"] == "passed", own.output
    assert result["evidence"]["trust_zone"]["OwnAccountOutsideOrganization"] == OUTSIDER
    grant_queue_to(seeder, "999988887777", owner=OUTSIDER, name="stranger")
    stranger = run_suite(CONTROL, baseline=write_baseline(tmp_path / "b.yaml", accounts=accounts, regions=[REGION]))
    problem, = [f["problem"] for f in stranger.result(f"acquired-{OUTSIDER}-{REGION}")["findings"]]
    assert problem.endswith("to any principal of account 999988887777, outside the organization")
