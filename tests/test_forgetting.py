"""A process forgets an account's answers after its last test of that
account, in the order it runs its tests (fixtures/forgetting.py)."""

from types import SimpleNamespace

from compliance.targets import Account, RegionTarget
from fixtures.forgetting import execution_order, forgettable

A, B, C = (Account(id) for id in ("111111111111", "222222222222", "333333333333"))


class Item:
    """What the functions read of a collected test: its node ID and parameters."""

    def __init__(self, nodeid, params=None):
        self.nodeid = nodeid
        self.callspec = SimpleNamespace(params=params) if params else None


def item(control, target):
    label = f"{target.account.id}-{target.region}" if isinstance(target, RegionTarget) else target.id
    params = {"region_target": target} if isinstance(target, RegionTarget) else {"account_target": target}
    return Item(f"controls/test_{control}.py::test_{control}[{label}]", params)


# Collection order: control by control, each over every target; one organization-wide control.
ITEMS = [item("kms", RegionTarget(account, region)) for account in (A, B, C) for region in ("eu-west-1", "us-east-1")]
ITEMS += [item("iam", account) for account in (A, B, C)]
ITEMS += [Item("controls/test_org.py::test_org")]


def config(worker=None, count=2, schedule_by="account"):
    found = SimpleNamespace(getoption=lambda name, default=None: schedule_by)
    if worker is not None:
        found.workerinput = {"workerid": f"gw{worker}", "workercount": count}
    return found


def labels(items):
    return [i.nodeid.split("::")[1] for i in items]


def test_without_xdist_an_account_is_forgotten_after_the_last_control_that_tests_it():
    order = execution_order(config(), ITEMS)
    assert order == ITEMS
    assert {labels([test])[0]: accounts for test, accounts in forgettable(order).items()} == {
        "test_iam[111111111111]": [A.id], "test_iam[222222222222]": [B.id], "test_iam[333333333333]": [C.id],
        "test_org": [A.id, B.id, C.id]}  # read back by the organization-wide control: forgotten again


def test_a_worker_runs_its_accounts_one_after_another_and_forgets_each_after_its_own_last_test():
    first = execution_order(config(worker=0), ITEMS)  # accounts A and C, then the organization-wide control
    assert labels(first) == ["test_kms[111111111111-eu-west-1]", "test_kms[111111111111-us-east-1]",
                             "test_iam[111111111111]", "test_kms[333333333333-eu-west-1]",
                             "test_kms[333333333333-us-east-1]", "test_iam[333333333333]"]
    assert labels(execution_order(config(worker=1), ITEMS))[-1] == "test_org"
    assert {labels([test])[0]: accounts for test, accounts in forgettable(first).items()} == {
        "test_iam[111111111111]": [A.id], "test_iam[333333333333]": [C.id]}


def test_by_region_an_accounts_last_test_is_in_its_last_scope_on_the_worker_not_last_collected():
    # Scopes in collection order: A-eu, A-us, B-eu, B-us, C-eu, C-us, A, B, C, org; worker 0 of 2 runs
    # A-eu, B-eu, C-eu, A, C: A's last test is its account-wide one, run after C-eu.
    order = execution_order(config(worker=0, schedule_by="region"), ITEMS)
    assert labels(order) == ["test_kms[111111111111-eu-west-1]", "test_kms[222222222222-eu-west-1]",
                             "test_kms[333333333333-eu-west-1]", "test_iam[111111111111]", "test_iam[333333333333]"]
    assert {labels([test])[0]: accounts for test, accounts in forgettable(order).items()} == {
        "test_kms[222222222222-eu-west-1]": [B.id], "test_iam[111111111111]": [A.id], "test_iam[333333333333]": [C.id]}
