"""A recording of a run over many accounts, made without a server per account:
a small synthetic estate (bench/estate.py) is run once against moto with
--record, then its accounts are cloned, answers and all, to as many account
IDs as asked. Replaying the clone (--replay) evaluates every control over the
large estate at the speed of the suite alone, so report size and browser load
time can be measured at 50,000 results in minutes rather than hours.
"""

import hashlib
import json
import os

from bench import estate, suite
from compliance.aws.store import dumps, loads
from compliance.run import RECORDING_RUN

TEMPLATE_ACCOUNTS = 10  # enough variety: every tenth key unrotated, every seventh password policy short


def record(work, controls, regions, keys):
    """Record TEMPLATE_ACCOUNTS accounts x ``regions`` into work/template; return its path."""
    template = work / "template"
    server = estate.start(TEMPLATE_ACCOUNTS, regions, keys, work / "template-baseline.yaml")
    try:
        suite.run("-n", "0", *controls, f"--baseline={work / 'template-baseline.yaml'}",
                  f"--endpoint-url={server.url}", f"--reports-dir={work / 'template-reports'}",
                  f"--record={template}", what="recording the template")
    finally:
        server.stop()
    return template


def clone(template, target, accounts):
    """Write to ``target`` a recording of ``accounts`` accounts, each a copy
    of one template account with its ID (and every ARN holding it) replaced."""
    os.makedirs(target, mode=0o700)
    run = json.loads((template / RECORDING_RUN).read_text())
    originals = [a["id"] for a in run["scope"]["accounts"]]
    answers = [loads(path.read_text()) for path in sorted(template.glob("*.json")) if path.name != RECORDING_RUN]
    by_account = {a: [dumps(r) for r in answers if r["key"][0] == a] for a in originals}
    shared = [r for r in answers if r["key"][0] not in by_account]
    for record in shared:
        _write(target, record)
    scope_accounts, regions = [], {}
    for index, new_id in enumerate(estate.account_ids(accounts)):
        original = originals[index % len(originals)]
        for text in by_account[original]:
            _write(target, loads(text.replace(original, new_id)))
        scope_accounts.append({"environment": "", "id": new_id, "name": f"acct{index:05d}", "role": "workload"})
        regions[new_id] = run["scope"]["regions"][original]
    run["scope"].update(accounts=scope_accounts, regions=regions)
    run["baseline"]["accounts"] = [{"id": a["id"], "name": a["name"]} for a in scope_accounts]
    run["metadata"].update(regions=regions, accounts=[f"{a['name']}-{a['id']} (workload)" for a in scope_accounts],
                           synthetic=f"{accounts} accounts cloned from a recording of {len(originals)}")
    (target / RECORDING_RUN).write_text(json.dumps(run, indent=1, sort_keys=True))


def _write(directory, record):
    name = hashlib.sha256(dumps(record["key"]).encode()).hexdigest()
    (directory / f"{name}.json").write_text(dumps(record))
