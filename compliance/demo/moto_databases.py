"""Where moto's RDS differs from AWS for the database services the RDS API
serves (RDS, Neptune, DocumentDB), make it match the AWS API reference.
Every patch here is tested in tests/test_databases_moto.py.

- rds:CreateDBCluster: AWS serves DocumentDB clusters (engine ``docdb``,
  default port 27017) through the same API and lists them in
  DescribeDBClusters; moto refuses the engine.
- rds:CreateDBCluster: AWS accepts ``EnableIAMDatabaseAuthentication`` for
  Neptune clusters; moto refuses it for every engine but Aurora's.
- rds:DescribeDBParameters: AWS answers for the default DB parameter group
  of every engine family (``default.postgres16``), which instances created
  without a group use, with the engine's defaults; moto makes such a group
  empty, and only once an instance names it. Here a default group answers with AWS's defaults of the parameters the controls
  read (``default_db_parameters``).
- redshift:ModifyClusterParameterGroup is missing from moto, and
  DescribeClusterParameters answers every group with moto's defaults; here a
  group keeps the values set on it (Source ``user``) over the defaults.
"""

from moto.core.responses import ActionResult
from moto.rds import models as rds_models
from moto.rds import responses as rds_responses
from moto.rds import utils as rds_utils
from moto.redshift import models as redshift_models
from moto.redshift import responses as redshift_responses

DOCUMENTDB = {"engine": "docdb", "version": "5.0.0", "port": 27017}

_applied = False


def default_db_parameters(family):
    """AWS's defaults, in the default group of ``family``, of the parameters
    the controls read: rds.force_ssl is 1 from PostgreSQL 15 on and 0
    before; require_secure_transport is 0 (OFF) for MySQL."""
    if family.startswith("postgres"):
        return {"rds.force_ssl": "1" if int(family.removeprefix("postgres").split(".")[0]) >= 15 else "0"}
    return {"require_secure_transport": "0"} if family.startswith("mysql") else {}


def _with_documentdb(original, value):
    return staticmethod(lambda engine, **kwargs: value if engine == DOCUMENTDB["engine"] else original(engine, **kwargs))


def _clusters_with_neptune_iam_authentication(original):
    def __init__(self, *args, **kwargs):
        iam = kwargs.get("engine") == "neptune" and kwargs.pop("enable_iam_database_authentication", False)
        original(self, *args, **kwargs)
        if iam:
            self.iam_auth = True

    return __init__


def _default_db_parameter_groups_served(original):
    def describe_db_parameters(self):
        name = self._get_param("DBParameterGroupName")
        if not name.startswith("default."):  # AWS refuses to change a default group: its values are the defaults
            return original(self)
        return ActionResult({"Parameters": [
            {"ParameterName": key, "ParameterValue": value, "Source": "engine-default", "ApplyType": "dynamic",
             "IsModifiable": True} for key, value in default_db_parameters(name.removeprefix("default.")).items()]})

    return describe_db_parameters


def _modify_cluster_parameter_group(self):
    """ModifyClusterParameterGroup (moto lacks it): the group keeps the values."""
    name = self._get_param("ParameterGroupName")
    group = self.redshift_backend.describe_cluster_parameter_groups(name)[0]
    values = group.__dict__.setdefault("values", {})
    for parameter in self._get_param("Parameters", []):
        values[parameter["ParameterName"]] = parameter["ParameterValue"]
    return ActionResult({"ParameterGroupName": name, "ParameterGroupStatus": "Your parameter group has been updated."})


def _parameters_with_values_set(original):
    def describe_cluster_parameters(self, parameter_group_name):
        values = self.parameter_groups[parameter_group_name].__dict__.get("values", {}) \
            if parameter_group_name in self.parameter_groups else {}
        return [{**p, "ParameterValue": values[p["ParameterName"]], "Source": "user"} if p["ParameterName"] in values
                else p for p in original(self, parameter_group_name)]

    return describe_cluster_parameters


def apply():
    """Patch moto in this process (idempotent)."""
    global _applied
    if _applied:
        return
    engines = rds_utils.ClusterEngine.list_cluster_engines()
    rds_utils.ClusterEngine.list_cluster_engines = classmethod(lambda cls: sorted([*engines, DOCUMENTDB["engine"]]))
    cluster = rds_models.DBCluster
    cluster.default_engine_version = _with_documentdb(cluster.default_engine_version, DOCUMENTDB["version"])
    cluster.default_port = _with_documentdb(cluster.default_port, DOCUMENTDB["port"])
    cluster.default_allocated_storage = _with_documentdb(cluster.default_allocated_storage, 0)
    cluster.__init__ = _clusters_with_neptune_iam_authentication(cluster.__init__)
    rds_responses.RDSResponse.describe_db_parameters = _default_db_parameter_groups_served(
        rds_responses.RDSResponse.describe_db_parameters)
    redshift_responses.RedshiftResponse.modify_cluster_parameter_group = _modify_cluster_parameter_group
    backend = redshift_models.RedshiftBackend
    backend.describe_cluster_parameters = _parameters_with_values_set(backend.describe_cluster_parameters)
    _applied = True
