"""RDS and Aurora databases: protected from deletion, backed up, monitored,
logged, IAM-authenticated, tagged snapshots, no default port or
administrator name, and Aurora MySQL able to backtrack."""

import pytest

from controls.rds import shape


@pytest.mark.control("rds-deletion-protection")
def test_rds_deletion_protection(rds_fleet, evidence):
    shape.deletion_protected(evidence, rds_fleet)


@pytest.mark.control("rds-automated-backups")
def test_rds_automated_backups(rds_fleet, params, evidence):
    shape.backups_kept(evidence, rds_fleet, params["retention_days"])


@pytest.mark.control("rds-copy-tags-to-snapshots")
def test_rds_copy_tags_to_snapshots(rds_fleet, evidence):
    shape.tags_copied_to_snapshots(evidence, rds_fleet)


@pytest.mark.control("rds-iam-authentication")
def test_rds_iam_authentication(rds_fleet, params, evidence):
    shape.iam_authentication(evidence, shape.of_engines(rds_fleet, params["engines"]))


@pytest.mark.control("rds-logs-to-cloudwatch")
def test_rds_logs_to_cloudwatch(rds_fleet, params, evidence):
    shape.logs_published(evidence, rds_fleet, lambda db: shape.by_engine(params["log_types"], db["Engine"]))


@pytest.mark.control("rds-enhanced-monitoring")
def test_rds_enhanced_monitoring(rds_fleet, params, evidence):
    longest = params["max_interval_seconds"]

    def problem(db):
        interval = db.get("MonitoringInterval") or 0  # absent: never turned on
        if interval == 0:
            return "enhanced monitoring is off"
        return f"enhanced monitoring samples every {interval} s, less often than every {longest} s" \
            if interval > longest else None

    shape.judge_instances(evidence, rds_fleet["instances"], ("MonitoringInterval", "MonitoringRoleArn"), problem,
                          shape.modify(f"--monitoring-interval {longest} --monitoring-role-arn <role that "
                                       "monitoring.rds.amazonaws.com may assume>"))


@pytest.mark.control("rds-aurora-backtracking")
def test_rds_aurora_backtracking(rds_fleet, params, evidence):
    seconds = params["window_hours"] * 3600

    def problem(cluster):
        window = cluster.get("BacktrackWindow") or 0  # absent: backtracking was never turned on
        if window == 0:
            return "backtracking is off"
        return f"the backtrack window is {window} s, shorter than {seconds} s" if window < seconds else None

    shape.judge_clusters(evidence, shape.of_engines(rds_fleet, ["aurora-mysql"]), ("BacktrackWindow",), problem,
                         shape.modify(f"--backtrack-window {seconds}"))


@pytest.mark.control("rds-not-default-port")
def test_rds_not_default_port(rds_fleet, params, evidence):
    def problem(db):
        port = db.get("Port") if "DBClusterArn" in db else db.get("Endpoint", {}).get("Port")
        default = shape.by_engine(params["default_ports"], db["Engine"])
        if port is None:
            return "it reports no port (no endpoint yet)"
        return f"it listens on {db['Engine']}'s default port {port}" if port == default else None

    shape.judge_databases(evidence, rds_fleet, ("Port", "Endpoint"), problem, lambda db: shape.modify(
        "--port <another port>" if "DBClusterArn" in db else "--db-port-number <another port>")(db))


@pytest.mark.control("rds-custom-admin-username")
def test_rds_custom_admin_username(rds_fleet, params, evidence):
    def problem(db):
        # A secondary cluster of a global database has no administrator of its own (no MasterUsername).
        name = db.get("MasterUsername")
        return f"the administrator is called {name!r}, a default name" if name in params["default_usernames"] else None

    shape.judge_databases(evidence, rds_fleet, ("MasterUsername",), problem,
                          lambda db: "the administrator's name is set at creation (a restored snapshot keeps it): "
                                     "create a new database with --master-username <custom name>, move the data, "
                                     "switch applications over")
