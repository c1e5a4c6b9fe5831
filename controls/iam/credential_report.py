"""Reading IAM's credential report: one row per user, AWS's values as text
("N/A", "no_information" and "not_supported" where there is no date)."""

import datetime

from compliance.inventory.iam import ROOT_ROW as ROOT

KEY_NUMBERS = ("1", "2")
# The root row's fields that say when the root user was last used.
ROOT_USE_FIELDS = ("password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date")


def users(report):
    """The IAM users' rows (the root user's is left out)."""
    return [row for row in report["Users"] if row["user"] != ROOT]


def root(report):
    """The root user's row (the inventory makes sure there is one)."""
    return next(row for row in report["Users"] if row["user"] == ROOT)


def moment(value):
    """The date-time a report field holds, or None for AWS's no-date words."""
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def days_since(value, today):
    """Whole days from a report field's date to ``today``; None when it holds no date."""
    when = moment(value)
    return None if when is None else (today - when.date()).days


def has_password(row):
    return row["password_enabled"] == "true"


def active_keys(row):
    """``(number, last_rotated, last_used_date)`` of each active access key."""
    return [(n, row[f"access_key_{n}_last_rotated"], row[f"access_key_{n}_last_used_date"])
            for n in KEY_NUMBERS if row[f"access_key_{n}_active"] == "true"]
