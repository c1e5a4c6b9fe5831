"""The realistic benchmark estate and its cost table: the profile's shape,
and how the table tells per-resource reads from per-account ones."""

import json

from bench import cost_table, estate, realistic
from compliance.aws.store import dumps
from compliance.run import RECORDING_RUN


def test_the_profile_is_heavy_tailed_and_the_same_on_every_run():
    ids, regions = estate.account_ids(1000), estate.regions(4)
    accounts = realistic.profile(ids, regions)
    assert accounts == realistic.profile(ids, regions)
    largest = next(a for a in accounts if a.rank == 1)
    assert largest.total("snapshots") >= 10_000 and largest.total("buckets") >= 1_000
    assert largest.id != ids[0]  # ranks are shuffled over the accounts
    snapshots = sorted(a.total("snapshots") for a in accounts)
    assert snapshots[len(snapshots) // 2] == 20  # most accounts are small
    assert sum(snapshots[-10:]) / sum(snapshots) > 0.35  # the ten largest hold over a third
    assert all(a.total("iam_roles") >= realistic.FLOOR["iam_roles"] for a in accounts)
    home = largest.counts["snapshots"]
    assert list(home) == regions and home["us-east-1"] > home["eu-west-1"] > home["eu-central-1"]


def test_split_keeps_every_resource():
    assert realistic.split(7, ["a", "b", "c"]) == {"a": 4, "b": 2, "c": 1}
    assert sum(realistic.split(10_000, estate.regions(4)).values()) == 10_000


def test_the_cost_table_tells_per_resource_reads_from_per_account_ones(tmp_path):
    def question(account, region, operation, **params):
        service, name = operation.split(":")
        key = [account, region, service, name, params]
        (tmp_path / f"{abs(hash(dumps(key)))}.json").write_text(dumps({"key": key, "answer": {}}))

    (tmp_path / RECORDING_RUN).write_text(json.dumps({}))
    for account, resources in (("111111111111", 4), ("222222222222", 2)):
        question(account, "us-east-1", "s3:ListBuckets")
        for policy in ("AWSSupportAccess", "AWSCloudShellFullAccess"):  # two named policies in every account
            question(account, "us-east-1", "iam:ListEntitiesForPolicy", PolicyArn=f"arn:aws:iam::aws:policy/{policy}")
        for n in range(resources):
            question(account, "us-east-1", "s3:GetBucketVersioning", Bucket=f"b-{account}-{n}")
            question(account, "us-east-1", "elbv2:DescribeListeners", LoadBalancerArn=f"lb-{n}")
    asked = cost_table.questions_by_operation(tmp_path)
    assert asked["s3:GetBucketVersioning"] == (6, 2, "Bucket") and asked["s3:ListBuckets"] == (2, 2, None)
    assert asked["iam:ListEntitiesForPolicy"] == (4, 2, None)
    assert asked["elastic-load-balancing-v2:DescribeListeners"] == (6, 2, "LoadBalancerArn")  # named as metered
    results = {"run": {"api": {"by_operation": {"s3:ListBuckets": 2, "s3:GetBucketVersioning": 6,
                                                "iam:ListEntitiesForPolicy": 4, "ec2:DescribeWidgets": 6}}}}
    asked["ec2:DescribeWidgets"] = (6, 2, "InstanceId")  # a per-resource read the table has no reason for
    rows = {row[0]: row for row in cost_table.operation_rows(results, asked, {"buckets": 6, "instances": 6},
                                                             {"buckets": 7446, "instances": 11279}, accounts=2)}
    assert rows["s3:GetBucketVersioning"][3:] == ("1.00 per bucket", 7446, cost_table.PER_RESOURCE["s3"])
    assert rows["s3:ListBuckets"][3:] == ("1.00 per account", 1000, "")
    assert rows["iam:ListEntitiesForPolicy"][3:] == ("2.00 per account", 2000, "")
    assert rows["ec2:DescribeWidgets"][5] == "UNEXPLAINED"
