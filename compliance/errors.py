"""Errors the suite raises on purpose, each carrying what a person needs to act."""


class ConfigurationError(Exception):
    """Bad input found before any control runs (baseline, options, credentials).

    The plugin turns it into a pytest usage error, so the run stops with this
    message rather than a traceback.
    """


class ApiUnreadable(Exception):
    """An AWS API answer a control needs could not be read.

    Raised by the inventory layer; controls never catch it, so the test errors
    (fail closed) with a message naming the API, account, region and AWS error.
    """

    def __init__(self, service, operation, account_id, region, code, message):
        self.service = service
        self.operation = operation
        self.account_id = account_id
        self.region = region
        self.code = code
        self.aws_message = message
        super().__init__(
            f"could not read {service}:{operation} in account {account_id} "
            f"region {region}: {code}: {message}"
        )


class AccountUnreachable(Exception):
    """The audit role of an account could not be assumed; its tests error."""


class ReadOnlyViolation(Exception):
    """A non-read AWS operation was attempted; the guard refused to send it."""


class ScopeIncomplete(Exception):
    """The scope lacks an account a control needs (for example no account has
    the log-archive role); the control errors with what to add."""
