"""CodeBuild projects: no credentials in source URLs or plaintext environment
variables, logs written and encrypted, no privileged mode; report groups export encrypted."""

import pytest

from controls.judging import judge_each
from controls.secrets import stored_credentials

AWS_KEY_NAMES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def _update(project, option):
    return f"aws codebuild update-project --name {project['name']} {option}"


def _place(where, value, extra=None):
    """A place that held a value, as the credential judging reads it; ``extra``
    is one more detection (a user in a URL, an AWS key's variable name)."""
    detections = value["Detections"] + ([{"Line": 1, "Type": extra}] if extra else [])
    return {"Where": where, "Length": value["Length"], "Detections": detections}


def _sources(project):
    return [_place(f"source {s['location']['Url']}", s["location"], "User in URL" if s["location"]["UserInfo"] else None)
            for s in [project.get("source", {})] + project.get("secondarySources", []) if "location" in s]


def _plaintext_variables(project):
    return [_place(f"environment variable {v['name']}", v["value"],
                   "AWS access key variable" if v["name"] in AWS_KEY_NAMES else None)
            for v in project["environment"].get("environmentVariables", [])
            if v.get("type", "PLAINTEXT") == "PLAINTEXT"]


@pytest.mark.control("codebuild-source-url-no-credentials")
def test_codebuild_source_url_no_credentials(codebuild_projects, evidence):
    stored_credentials.judge(evidence, [{"Resource": p["arn"], "Values": _sources(p)} for p in codebuild_projects],
                             "revoke the credential, connect the source with aws codebuild import-source-credentials "
                             "(or an AWS CodeConnections connection) and aws codebuild update-project --source with "
                             "the URL without user or token")


@pytest.mark.control("codebuild-environment-no-credentials")
def test_codebuild_environment_no_credentials(codebuild_projects, evidence):
    stored_credentials.judge(evidence, [{"Resource": p["arn"], "Values": _plaintext_variables(p)}
                                        for p in codebuild_projects],
                             "rotate the credential; store it in Secrets Manager (or Parameter Store) and aws codebuild "
                             "update-project --environment with the variable's type SECRETS_MANAGER and its name as value")


@pytest.mark.control("codebuild-s3-logs-encrypted")
def test_codebuild_s3_logs_encrypted(codebuild_projects, evidence):
    judge_each(evidence, "projects", codebuild_projects, ("arn", "name", "logsConfig"),
               lambda p: "it writes its build logs to S3 unencrypted"
               if p["logsConfig"].get("s3Logs", {}).get("status") == "ENABLED"
               and p["logsConfig"]["s3Logs"].get("encryptionDisabled") else None,
               lambda p: _update(p, "--logs-config 's3Logs={status=ENABLED,location=<bucket/prefix>,"
                                    "encryptionDisabled=false}'"))


@pytest.mark.control("codebuild-logging")
def test_codebuild_logging(codebuild_projects, evidence):
    judge_each(evidence, "projects", codebuild_projects, ("arn", "name", "logsConfig"),
               lambda p: None if any(p["logsConfig"].get(where, {}).get("status") == "ENABLED"
                                     for where in ("cloudWatchLogs", "s3Logs"))
               else "it logs its builds neither to CloudWatch Logs nor to S3",
               lambda p: _update(p, f"--logs-config 'cloudWatchLogs={{status=ENABLED,groupName=/codebuild/{p['name']}}}'"))


@pytest.mark.control("codebuild-not-privileged")
def test_codebuild_not_privileged(codebuild_projects, evidence):
    judge_each(evidence, "projects", codebuild_projects, ("arn", "name", "environment"),
               lambda p: "its build environment runs privileged"
               if p["environment"].get("privilegedMode") else None,
               lambda p: _update(p, "--environment 'type=<type>,image=<image>,computeType=<compute type>,"
                                    "privilegedMode=false'"))


@pytest.mark.control("codebuild-report-export-encrypted")
def test_codebuild_report_export_encrypted(codebuild_report_groups, evidence):
    judge_each(evidence, "report_groups", codebuild_report_groups, ("arn", "name", "exportConfig"),
               lambda g: "it exports its reports to S3 unencrypted"
               if g.get("exportConfig", {}).get("exportConfigType") == "S3"
               and g["exportConfig"]["s3Destination"].get("encryptionDisabled") else None,
               lambda g: f"aws codebuild update-report-group --arn {g['arn']} --export-config 'exportConfigType=S3,"
                         "s3Destination={bucket=<bucket>,encryptionDisabled=false,encryptionKey=<KMS key>}'")
