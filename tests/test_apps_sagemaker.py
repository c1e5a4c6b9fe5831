"""The SageMaker controls (controls/devtools), proven against moto."""

from compliance.demo.seed_apps import notebook_instance, sagemaker_model
from tests.apps import dev_after_prod_passed
from tests.conftest import DEV, PROD, REGION, assert_unreadable, write_baseline

CONTROL = "controls/devtools/test_sagemaker.py"
NOTEBOOKS = {"sagemaker-notebook-no-direct-internet", "sagemaker-notebook-in-custom-vpc", "sagemaker-notebook-no-root"}
CONTROLS = NOTEBOOKS | {"sagemaker-endpoint-multiple-instances", "sagemaker-model-network-isolation"}
OTHER_REGION = "us-east-1"


def test_isolated_notebooks_and_models_pass_and_each_gap_fails(seeder, audit_roles, regional_baseline, run_suite):
    notebook_instance(seeder, PROD, REGION, "research")
    sagemaker_model(seeder, PROD, REGION, "churn", instances=3)
    notebook_instance(seeder, DEV, REGION, "online", direct_internet=True)
    notebook_instance(seeder, DEV, REGION, "outside", vpc=None)
    notebook_instance(seeder, DEV, REGION, "default-vpc", vpc="default")
    notebook_instance(seeder, DEV, REGION, "rooted", root=True)
    sagemaker_model(seeder, DEV, REGION, "single", instances=1)
    sagemaker_model(seeder, DEV, REGION, "open", isolated=False)
    suite = run_suite(CONTROL, baseline=regional_baseline)
    dev = dev_after_prod_passed(suite, CONTROLS)
    found = {c: [(f["resource"].rsplit("/", 1)[-1], f["problem"]) for f in r["findings"]] for c, r in dev.items()}
    default_vpc = found["sagemaker-notebook-in-custom-vpc"][0][1].rsplit(" ", 1)[-1]
    assert found == {
        "sagemaker-notebook-no-direct-internet": [("online", "it has direct internet access")],
        "sagemaker-notebook-in-custom-vpc": [("default-vpc", f"it is in the default VPC {default_vpc}"),
                                             ("outside", "it is not in a VPC")],
        "sagemaker-notebook-no-root": [("rooted", "its users have root access")],
        "sagemaker-endpoint-multiple-instances": [("single", "variant primary starts on fewer than 2 instances")],
        "sagemaker-model-network-isolation": [("open", "its containers are not network-isolated")]}
    assert default_vpc.startswith("vpc-")


def test_each_unreadable_read_errors_the_controls_that_need_it(seeder, audit_roles, tmp_path, run_suite, local_aws):
    for account in (PROD, DEV):
        for region in (REGION, OTHER_REGION):
            notebook_instance(seeder, account, region, "research")
            sagemaker_model(seeder, account, region, "churn")
    faults = {(PROD, REGION): ("sagemaker", "ListNotebookInstances", NOTEBOOKS),
              (PROD, OTHER_REGION): ("sagemaker", "DescribeEndpointConfig", {"sagemaker-endpoint-multiple-instances"}),
              (DEV, REGION): ("ec2", "DescribeSubnets", {"sagemaker-notebook-in-custom-vpc", *NOTEBOOKS}),
              (DEV, OTHER_REGION): ("sagemaker", "DescribeModel", {"sagemaker-model-network-isolation"})}
    for (account, region), (service, operation, _) in faults.items():
        local_aws.inject("AccessDeniedException", "not authorized", service=service, operation=operation,
                         account=account, region=region)
    suite = run_suite(CONTROL, baseline=write_baseline(tmp_path / "baseline.yaml", regions=[REGION, OTHER_REGION]))
    for (account, region), (service, operation, controls) in faults.items():
        assert_unreadable(suite.by_control(f"{'prod' if account == PROD else 'dev'}-{account}-{region}"), controls,
                          f"{service}:{operation}")


def test_moto_keeps_root_access_and_network_isolation_as_aws_does(local_aws, seeder):
    sagemaker = seeder.client("sagemaker", PROD, REGION)
    sagemaker.create_notebook_instance(NotebookInstanceName="plain", InstanceType="ml.t3.medium",
                                       RoleArn=f"arn:aws:iam::{PROD}:role/notebook")
    assert sagemaker.describe_notebook_instance(NotebookInstanceName="plain")["RootAccess"] == "Enabled"
    sagemaker_model(seeder, PROD, REGION, "isolated")
    assert sagemaker.describe_model(ModelName="isolated")["EnableNetworkIsolation"] is True
