"""Every member botocore's models mark optional may be absent from an answer:
the demo, recorded once, is replayed with each optional member of each
answer the inventory reads left out, and each list emptied
(tests/optional_members.py), and no control crashes or fails open.

Each operation's variants are sampled (OPTIONAL_MEMBERS_PER_OPERATION, by
default 1, with a fixed seed); OPTIONAL_MEMBERS_PER_OPERATION=all runs every
variant (about 960; see README.md for the time it takes)."""

import json
import os
import subprocess
import sys

import pytest

from compliance.aws.answers import MissingMember, answer
from compliance.errors import ApiUnreadable
from tests.conftest import ROOT, offline_env
from tests.optional_members import EMPTIED, REMOVED, Result, Variant, judge

SEED = 20
PER_OPERATION = os.environ.get("OPTIONAL_MEMBERS_PER_OPERATION", "1")


@pytest.fixture(scope="session")
def demo_recording(tmp_path_factory):
    """A recording of the demo (it fails by design: exit 1)."""
    work = tmp_path_factory.mktemp("demo")
    done = subprocess.run([sys.executable, "-m", "pytest", f"--rootdir={ROOT}", "-p", "no:cacheprovider", "-q",
                           "--demo", "-n", "0", f"--record={work / 'recording'}", f"--reports-dir={work / 'reports'}"],
                          cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    return work / "recording"


def test_no_control_crashes_or_fails_open_when_an_optional_member_is_absent(demo_recording, tmp_path):
    sampling = [] if PER_OPERATION == "all" else ["--per-operation", PER_OPERATION, "--seed", str(SEED)]
    figures_file = tmp_path / "figures.json"
    done = subprocess.run([sys.executable, "-m", "tests.optional_members", str(demo_recording), *sampling,
                           f"--reports-dir={tmp_path / 'reports'}", f"--output={figures_file}"],
                          cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=3000)
    assert figures_file.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(figures_file.read_text())
    print(f"{figures['variants']} variants of {figures['of']}, {figures['test_runs']} test runs")
    assert figures["variants"] >= figures["operations"] > 50
    assert figures["replay_errors"] == []
    assert figures["problems"] == [], "\n".join(" | ".join(problem) for problem in figures["problems"])


ORIGIN = ("ec2", "DescribeInstances", "444455556666", "eu-west-1")


def test_a_missing_member_errors_naming_the_operation_and_the_member():
    found = answer({"Reservations": [{"Instances": [{"InstanceId": "i-1"}]}]}, ORIGIN)
    instance = found["Reservations"][0]["Instances"][0]
    assert instance.get("State") is None
    with pytest.raises(MissingMember) as raised:
        instance["State"]
    assert str(raised.value) == ("could not read ec2:DescribeInstances in account 444455556666 region eu-west-1: "
                                 "MissingMember: the answer has no Reservations[].Instances[].State, "
                                 "which this control needs to decide")
    assert isinstance(raised.value, KeyError)
    assert json.loads(json.dumps(found)) == {"Reservations": [{"Instances": [{"InstanceId": "i-1"}]}]}


def test_a_variant_removes_a_member_from_every_element_or_empties_a_list():
    response = {"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "running"}},
                                                {"InstanceId": "i-2"}]}]}
    removed = Variant("ec2:DescribeInstances", ("Reservations", "[]", "Instances", "[]", "State"), REMOVED)
    emptied = Variant("ec2:DescribeInstances", ("Reservations", "[]", "Instances"), EMPTIED)
    assert removed.apply(response) == {"Reservations": [{"Instances": [{"InstanceId": "i-1"}, {"InstanceId": "i-2"}]}]}
    assert emptied.apply(response) == {"Reservations": [{"Instances": []}]}
    assert str(removed) == "ec2:DescribeInstances Reservations[].Instances[].State removed"
    assert response["Reservations"][0]["Instances"][0]["State"] == {"Name": "running"}  # the recording is kept


def test_crashes_unnamed_errors_and_fail_opens_are_problems():
    variant = Variant("ec2:DescribeInstances", ("Reservations", "[]", "Instances", "[]", "State"), REMOVED)
    failed = Result("failed", "1 non-compliant resource(s)", frozenset({"arn:i-1"}))
    assert judge(variant, failed, Result("error", "KeyError: 'State'", frozenset(), KeyError)).startswith("crashes")
    assert judge(variant, failed, Result("passed", "", frozenset())) == "fail-open: failed became passed"
    assert judge(variant, failed, Result("failed", "", frozenset())).startswith("fail-open: no longer")
    assert judge(variant, failed, Result("failed", "", frozenset({"arn:i-1 (renamed)"}))) is None
    unnamed = Result("error", "could not read s3:ListBuckets ...: MissingMember: the answer has no Buckets[].Name",
                     frozenset(), MissingMember)
    assert judge(variant, failed, unnamed).startswith("errors without naming ec2:DescribeInstances and State")
    elsewhere = Result("error", "could not read s3:ListBuckets ...: NotInRecording", frozenset(), ApiUnreadable)
    assert judge(variant, failed, elsewhere) is None  # a question the recording cannot answer: fails closed
    named = Result("error", "could not read ec2:DescribeInstances in account 1 region r: MissingMember: the "
                            "answer has no Reservations[].Instances[].State", frozenset(), MissingMember)
    assert judge(variant, failed, named) is None
    assert judge(variant, Result("passed", "", frozenset()), failed) is None  # it says what it lacks
