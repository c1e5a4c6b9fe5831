"""moto's RDS and Redshift are patched to AWS semantics for the database controls
(compliance/demo/moto_databases.py)."""

import boto3


def client(local_aws, service="rds"):
    return boto3.client(service, region_name="eu-west-1", endpoint_url=local_aws.url,
                        aws_access_key_id="starting", aws_secret_access_key="x")


def test_documentdb_clusters_are_served_by_the_rds_api(local_aws):
    rds = client(local_aws)
    rds.create_db_cluster(DBClusterIdentifier="documents", Engine="docdb", MasterUsername="owner",
                             MasterUserPassword="demo-password-1")
    (cluster,) = rds.describe_db_clusters()["DBClusters"]
    assert (cluster["Engine"], cluster["Port"], cluster["EngineVersion"]) == ("docdb", 27017, "5.0.0")


def test_neptune_clusters_take_iam_database_authentication(local_aws):
    rds = client(local_aws)
    rds.create_db_cluster(DBClusterIdentifier="graph", Engine="neptune", EnableIAMDatabaseAuthentication=True)
    rds.create_db_cluster(DBClusterIdentifier="plain", Engine="neptune")
    assert [c["IAMDatabaseAuthenticationEnabled"] for c in rds.describe_db_clusters()["DBClusters"]] == [True, False]


def test_redshift_parameter_groups_keep_the_values_set_on_them(local_aws):
    redshift = client(local_aws, "redshift")
    redshift.create_cluster_parameter_group(ParameterGroupName="tls", ParameterGroupFamily="redshift-1.0",
                                          Description="TLS only")
    redshift.modify_cluster_parameter_group(ParameterGroupName="tls", Parameters=[
        {"ParameterName": "require_ssl", "ParameterValue": "true"}])

    def require_ssl(group):
        return [(p["ParameterValue"], p["Source"]) for p in redshift.describe_cluster_parameters(
            ParameterGroupName=group)["Parameters"] if p["ParameterName"] == "require_ssl"]

    assert require_ssl("tls") == [("true", "user")]
    assert require_ssl("default.redshift-1.0") == [("false", "engine-default")]


def test_default_db_parameter_groups_answer_with_aws_defaults(local_aws):
    rds = client(local_aws)
    rds.create_db_parameter_group(DBParameterGroupName="tls", DBParameterGroupFamily="postgres13", Description="TLS")
    rds.modify_db_parameter_group(DBParameterGroupName="tls", Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "immediate"}])

    def values(group):
        return {p["ParameterName"]: p["ParameterValue"] for p in rds.describe_db_parameters(
            DBParameterGroupName=group)["Parameters"]}

    assert values("tls") == {"rds.force_ssl": "1"}
    assert values("default.postgres13") == {"rds.force_ssl": "0"}
    assert values("default.postgres16") == {"rds.force_ssl": "1"}
    assert values("default.mysql8.0") == {"require_secure_transport": "0"}
