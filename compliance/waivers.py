"""Waivers: risks an organization has accepted, recorded in its baseline.

A waiver names a control and, optionally, an account, a region and a
resource (an exact ARN or a shell-style pattern such as
``arn:aws:s3:::legacy-*``). It waives the findings it matches, and only
those: any other finding of the same test still fails it. A waiver applies
up to and including its ``expires`` date; from the next day the findings it
covered fail again and the run lists it as expired.
"""

import datetime
import fnmatch
from dataclasses import dataclass


@dataclass(frozen=True)
class Waiver:
    id: str
    control: str
    reason: str
    owner: str
    ticket: str
    approved: datetime.date
    expires: datetime.date
    account: str = None
    region: str = None
    resource: str = None

    @classmethod
    def from_data(cls, data):
        return cls(**{**data, "approved": datetime.date.fromisoformat(data["approved"]),
                      "expires": datetime.date.fromisoformat(data["expires"])})

    def active_on(self, day):
        return day <= self.expires

    def applies_to(self, control_id, account_id, region):
        """True when this waiver is about that test (control, account, region)."""
        return (self.control == control_id
                and self.account in (None, account_id)
                and self.region in (None, region))

    def names_target(self, account_id):
        """True when the waiver was written for this very target: it names the
        account, or the test judges the whole organization at once."""
        return account_id is None or self.account == account_id

    def covers(self, resource):
        return self.resource is None or fnmatch.fnmatchcase(resource, self.resource)

    def describe(self):
        return f"waiver {self.id} (owner {self.owner}, {self.ticket}, expires {self.expires}): {self.reason}"


def load(baseline_waivers):
    return [Waiver.from_data(data) for data in baseline_waivers]


@dataclass
class Applicable:
    """The waivers that concern one test, split by whether they still apply."""

    active: list
    expired: list

    @classmethod
    def select(cls, waivers, control_id, account_id, region, today):
        relevant = [w for w in waivers if w.applies_to(control_id, account_id, region)]
        return cls([w for w in relevant if w.active_on(today)], [w for w in relevant if not w.active_on(today)])

    def waiver_for(self, finding):
        return next((w for w in self.active if w.covers(finding.resource)), None)

    def expired_for(self, finding):
        return next((w for w in self.expired if w.covers(finding.resource)), None)


def summarise(waivers, today, records):
    """The run's waivers: applied (findings waived), no longer needed,
    expired, and stale (active, about a control that ran, matching nothing)."""
    applied = {}
    for record in records:
        for waived in record["waived"]:
            applied[waived["waiver"]] = applied.get(waived["waiver"], 0) + 1
    unneeded = {w for record in records for w in record["unneeded_waivers"]}
    controls_run = {record["control_id"] for record in records}

    def brief(waiver):
        return {"id": waiver.id, "control": waiver.control, "owner": waiver.owner, "ticket": waiver.ticket,
                "expires": waiver.expires.isoformat(), "reason": waiver.reason}

    return {
        "applied": [{**brief(w), "findings_waived": applied[w.id]} for w in waivers if w.id in applied],
        "no_longer_needed": [brief(w) for w in waivers if w.id in unneeded],
        "expired": [brief(w) for w in waivers if not w.active_on(today)],
        "stale": [brief(w) for w in waivers if w.active_on(today) and w.control in controls_run
                  and w.id not in applied and w.id not in unneeded],
    }


def summary_lines(summary):
    """Terminal lines: counts, then each expired and stale waiver."""
    lines = [f"waivers: {len(summary['applied'])} applied, {len(summary['no_longer_needed'])} no longer needed, "
             f"{len(summary['expired'])} expired, {len(summary['stale'])} stale"]
    lines += [f"EXPIRED waiver {w['id']} ({w['control']}, owner {w['owner']}, {w['ticket']}) expired {w['expires']}: "
              "its findings fail again" for w in summary["expired"]]
    lines += [f"STALE waiver {w['id']} ({w['control']}, owner {w['owner']}, {w['ticket']}) matches nothing: remove it"
              for w in summary["stale"]]
    return lines
