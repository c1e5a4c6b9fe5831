"""Secrets Manager secrets rotate automatically, on schedule and often
enough, and none lies unused."""

import datetime

import pytest

from controls.judging import judge_each

SECRET_KEYS = ("ARN", "Name", "CreatedDate", "RotationEnabled", "RotationRules", "LastRotatedDate",
               "NextRotationDate", "LastAccessedDate")
# Secrets Manager rotates within the window that starts at NextRotationDate; a window lasts at most 24 hours.
ROTATION_WINDOW = datetime.timedelta(hours=24)


def rotate_fix(secret):
    return (f"aws secretsmanager rotate-secret --secret-id {secret['ARN']} --rotation-lambda-arn <rotation function> "
            "--rotation-rules AutomaticallyAfterDays=<days> (or turn on managed rotation for the service owning it)")


def day(moment):
    return moment.date().isoformat()


@pytest.mark.control("secretsmanager-rotation-enabled")
def test_secretsmanager_rotation_enabled(secrets, evidence):
    # RotationEnabled is absent from a secret whose rotation was never configured: off.
    judge_each(evidence, "secrets", secrets, SECRET_KEYS,
               lambda s: None if s.get("RotationEnabled") else "automatic rotation is off", rotate_fix)


def rotation_overdue(secret, now):
    """The scheduled rotation that has not happened, when one is overdue.
    AWS gives NextRotationDate only while rotation is on: it alone decides."""
    due = secret.get("NextRotationDate")
    if due is None or now <= due + ROTATION_WINDOW:
        return None
    return f"rotation was due on {day(due)} and has not succeeded since"


@pytest.mark.control("secretsmanager-rotation-succeeds")
def test_secretsmanager_rotation_succeeds(secrets, now, evidence):
    judge_each(evidence, "secrets", secrets, SECRET_KEYS, lambda s: rotation_overdue(s, now),
               lambda s: (f"read the rotation function's CloudWatch logs, fix it, then aws secretsmanager "
                          f"rotate-secret --secret-id {s['ARN']}"))


def days_over(secret, member, done, never, now, limit):
    """"``done`` N days ago" (``member`` says when), or "``never``" since the
    secret's creation, when that is more than ``limit`` days ago; else None."""
    when = secret.get(member)
    what = f"{done} " if when else f"{never}, created "
    when = when or secret["CreatedDate"]
    age = (now - when).days
    return None if age <= limit else f"{what}{age} days ago ({day(when)}), over {limit}"


@pytest.mark.control("secretsmanager-rotation-age")
def test_secretsmanager_rotation_age(secrets, now, params, evidence):
    judge_each(evidence, "secrets", secrets, SECRET_KEYS,
               lambda s: days_over(s, "LastRotatedDate", "last rotated", "never rotated", now, params["maximum_days"]),
               rotate_fix)


@pytest.mark.control("secretsmanager-unused")
def test_secretsmanager_unused(secrets, now, params, evidence):
    # LastAccessedDate is the day of the last retrieval; AWS leaves it out for a secret never read.
    judge_each(evidence, "secrets", secrets, SECRET_KEYS,
               lambda s: days_over(s, "LastAccessedDate", "last read", "never read", now, params["unused_days"]),
               lambda s: (f"if nothing needs it: aws secretsmanager delete-secret --secret-id {s['ARN']} "
                          "--recovery-window-in-days 30"))
