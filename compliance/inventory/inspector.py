"""Amazon Inspector (inspector2): what it scans in an account and region."""

from compliance.errors import ApiUnreadable


def account_status(api, region, account_id):
    """The account's ``BatchGetAccountStatus`` entry (state and per-resource
    scanning status), or None when Inspector lists none. An entry under
    failedAccounts is an error: the status could not be read."""
    answer = api.read("inspector2", "BatchGetAccountStatus", region, accountIds=[account_id])
    for failed in answer.get("failedAccounts", []):
        if failed.get("accountId") == account_id:
            raise ApiUnreadable("inspector2", "BatchGetAccountStatus", account_id, region,
                                failed.get("errorCode", "Unknown"), failed.get("errorMessage", ""))
    return next((a for a in answer.get("accounts", []) if a.get("accountId") == account_id), None)
