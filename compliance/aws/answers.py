"""API answers that name the member they lack.

botocore's service models mark most members of an answer optional, and AWS
leaves those out whenever it likes (older resources, other partitions,
features not enabled). ``AccountApi.read`` returns every answer as ``Answer``
dicts: indexing a member that is absent (``answer["KeyState"]``) raises
``MissingMember``, an ``ApiUnreadable`` that names the operation and the
member, so a control that cannot decide without it errors saying so (fail
closed) instead of crashing with a bare KeyError. Where AWS documents what
an absent member means, the inventory or the control reads it with
``.get()`` and that meaning.
"""

from compliance.errors import ApiUnreadable


class MissingMember(ApiUnreadable, KeyError):
    """An answer lacks a member that a control needs. A KeyError too, so
    code that looks a key up and handles its absence keeps working."""

    def __init__(self, origin, member):
        service, operation, account_id, region = origin
        self.member = member
        super().__init__(service, operation, account_id, region, "MissingMember",
                         f"the answer has no {member}, which this control needs to decide")

    __str__ = Exception.__str__  # KeyError's would quote the message


class Answer(dict):
    """A dict of an API answer that knows where in which answer it is."""

    __slots__ = ("origin", "path")

    def __missing__(self, key):
        raise MissingMember(self.origin, f"{self.path}.{key}" if self.path else key)


def answer(value, origin, path=""):
    """``value`` (parsed API data) with every dict in it an ``Answer``;
    ``origin`` is (service, operation, account ID, region)."""
    if isinstance(value, dict):
        found = Answer((key, answer(item, origin, f"{path}.{key}" if path else key)) for key, item in value.items())
        found.origin, found.path = origin, path
        return found
    if isinstance(value, list):
        return [answer(item, origin, f"{path}[]") for item in value]
    return value


def extended(found, **members):
    """``found``, a dict of an answer, with ``members`` added by the
    inventory; still naming, for a member it lacks, the answer it came from."""
    if not isinstance(found, Answer):
        return {**found, **members}
    grown = Answer(found, **members)
    grown.origin, grown.path = found.origin, found.path
    return grown
