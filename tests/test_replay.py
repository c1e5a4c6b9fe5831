"""A recorded run re-evaluates offline, from the recording alone, to the
same verdicts."""

from compliance.demo.organization import create_database, create_key, launch
from tests.conftest import DEV, PROD, offline_env, write_baseline


def verdicts(suite):
    return {r["nodeid"]: (r["outcome"], r["message"], r["findings"], r["evidence"]) for r in suite.results["results"]}


def test_replay_gives_identical_verdicts_without_network(seeder, audit_roles, tmp_path, run_suite, local_aws):
    create_key(seeder, DEV, "eu-west-1", "no-rotation")
    create_database(seeder, PROD, "eu-west-1", "orders", "rds-ca-2019")
    launch(seeder, PROD, "us-east-1")
    (tmp_path / "bundle.pem").write_bytes(
        open("compliance/demo/rds-certificate-authorities.pem", "rb").read())
    baseline = write_baseline(tmp_path / "b.yaml", controls={"rds-ca-certificates": {"ca_bundle": "bundle.pem"}})
    recording = tmp_path / "recording"
    recorded = run_suite(f"--record={recording}", "-n", "2", baseline=baseline)
    assert recorded.results["run"]["api"]["questions"] > 0

    (tmp_path / "bundle.pem").unlink()  # inputs come from the recording too
    local_aws.injector.log.clear()
    local_aws.inject("ServiceUnavailable", "the recording must be enough")
    env = offline_env()
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    replayed = run_suite(f"--replay={recording}", "-n", "2", env=env, endpoint=False)

    assert verdicts(replayed) == verdicts(recorded)
    assert {"failed", "passed"} <= {outcome for outcome, *_ in verdicts(replayed).values()}
    assert replayed.results["run"]["api"]["requests"] == 0
    assert replayed.results["run"]["replayed_from"] == str(recording)
    assert local_aws.injector.log == []


def test_a_question_missing_from_the_recording_errors(seeder, audit_roles, tmp_path, run_suite):
    baseline = write_baseline(tmp_path / "b.yaml")
    recording = tmp_path / "recording"
    run_suite("controls/iam/test_iam_password_policy.py", f"--record={recording}", baseline=baseline)  # account-wide only

    replayed = run_suite("controls/kms", f"--replay={recording}", endpoint=False)

    result = replayed.result(f"prod-{PROD}-eu-west-1")
    assert result["outcome"] == "error"
    assert f"could not read ec2:DescribeRegions in account {PROD} region us-east-1: NotInRecording" in result["message"]


def test_record_refuses_a_used_directory(tmp_path, run_suite):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("x")
    suite = run_suite(f"--record={tmp_path / 'used'}", baseline=write_baseline(tmp_path / "b.yaml"))
    assert suite.returncode == 4 and "the directory is not empty; give a new one" in suite.output
