"""The IAM policy language, evaluated as AWS evaluates a single policy.

``evaluate(document, request)`` decides one request: an explicit Deny wins,
then an Allow, else the request is implicitly denied. Statements match on
Principal/NotPrincipal, Action/NotAction (case-insensitive wildcards),
Resource/NotResource (case-sensitive wildcards) and every Condition: all
operators and keys must hold, any value of a key may match; negated
operators hold when the key is absent; ``...IfExists`` holds when the key is
absent; ``Null`` tests presence; ``ForAnyValue``/``ForAllValues`` compare
multivalued keys; policy variables ``${key}`` take the request's value.

``outsider_access(document, resources, service, zone)`` asks the question
every control that weighs a policy asks: can someone outside the trust zone
(compliance.trust_zone) - anonymous, any principal of an account outside it,
another organization - be allowed anything? The outsider chooses every
condition key that a caller controls (TLS, user agent, its own IP address
outside the CIDRs the policy names) and cannot choose the keys that identify
where a request comes from (organization, account, VPC, VPC endpoint, source
ARN...): for those it has a value of its own, none, or a value the policy
names that lies outside the zone - a wildcard counting as outside when it
stands in a part the outsider chooses (an account, a role's or a bucket's
name), and as inside when it stands below a part fixed to the zone (our
account in an ARN, our organization in an organization path). Every
combination is evaluated, so Deny statements, NotPrincipal, negated operators
and ``IfExists`` count exactly as AWS counts them.
"""

import ipaddress
import itertools
import re
from dataclasses import dataclass, field

ALLOW, DENY, IMPLICIT_DENY = "Allow", "Deny", "ImplicitDeny"
OUTSIDER_ACCOUNT = "000000000000"
OUTSIDER_ARN = f"arn:aws:iam::{OUTSIDER_ACCOUNT}:role/outsider"
OUTSIDER_VALUE = "outsider-value"
# Addresses in four different /8 networks: at least one lies outside any
# fixed CIDR a policy names.
OUTSIDER_IPS = ("198.51.100.7", "203.0.113.7", "192.0.2.7", "100.64.0.7")
# A CIDR this broad (or broader) restricts nobody.
BROADEST_FIXED_PREFIX = {4: 8, 6: 32}
# Keys that identify where a request comes from: an outsider cannot choose them.
# Those naming an account, an organization, a path in an organization, or an
# ARN are weighed by the part of the value a wildcard stands in.
ACCOUNT_KEYS = frozenset({"aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount"})
ORGANIZATION_KEYS = frozenset({"aws:principalorgid", "aws:sourceorgid"})
ORG_PATH_KEYS = frozenset({"aws:principalorgpaths", "aws:sourceorgpaths"})
ARN_KEYS = frozenset({"aws:principalarn", "aws:sourcearn"})
ORIGIN_KEYS = ACCOUNT_KEYS | ORGANIZATION_KEYS | ORG_PATH_KEYS | ARN_KEYS | frozenset({
    "aws:userid", "aws:username", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:sourceip",
    "aws:principalservicename", "aws:principalisawsservice", "aws:viaawsservice", "kms:viaservice",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
})
_WILDCARD = re.compile(r"[*?]")
_VARIABLE = re.compile(r"\$\{([^}]+)\}")


@dataclass(frozen=True)
class Request:
    """One API request as a policy sees it. ``principal`` is an ARN, or
    ``None`` for an anonymous caller; ``context`` maps condition keys
    (any case) to a value or a list of values; an absent key is absent."""

    action: str
    resource: str
    principal: str = None
    service_principal: str = None
    context: dict = field(default_factory=dict)

    def value(self, key):
        for name, value in self.context.items():
            if name.lower() == key.lower():
                return value
        return None


def as_list(value):
    return [value] if isinstance(value, (str, int, float, bool, dict)) else list(value or [])


def statements(document):
    found = (document or {}).get("Statement", [])
    return [found] if isinstance(found, dict) else list(found)


def wildcard(pattern, case_sensitive=True):
    """A compiled regex for an IAM wildcard pattern (``*`` any run, ``?`` one
    character). ``?`` does not match a literal ``*``, so that matching one
    pattern against another (written as a request) tells whether the first
    covers all of the second."""
    body = "".join(".*" if c == "*" else "[^*]" if c == "?" else re.escape(c) for c in pattern)
    return re.compile(f"^{body}$", 0 if case_sensitive else re.IGNORECASE | re.DOTALL)


def matches_any(patterns, value, case_sensitive=True):
    """True when one of ``patterns`` (a pattern or a list) matches ``value``."""
    return any(wildcard(p, case_sensitive).match(value) for p in as_list(patterns))


def _principal_matches(element, request):
    if element == "*" or (isinstance(element, dict) and "*" in as_list(element.get("AWS"))):
        return True  # "Principal": "*" and {"AWS": "*"} are the same grant: anyone, anonymous included
    if not isinstance(element, dict):
        return False
    for kind, values in element.items():
        for value in as_list(values):
            if kind == "AWS" and request.principal is not None and _aws_principal_matches(value, request.principal):
                return True
            if kind == "Service" and request.service_principal == value:
                return True
            if kind == "Federated" and request.principal == value:
                return True
    return False


def _aws_principal_matches(value, principal):
    if value == "*":
        return True
    account = principal.split(":")[4] if principal.startswith("arn:") else principal
    if value.isdigit() or value.endswith(":root"):  # an account: any principal of it
        return (value if value.isdigit() else value.split(":")[4]) == account
    return value == principal


def _substitute(value, request):
    def one(match):
        found = request.value(match.group(1))
        return str(as_list(found)[0]) if found is not None else "\0unresolved\0"
    return _VARIABLE.sub(one, str(value))


def _compare(operator, policy_value, request_value):
    """One policy value against one request value, for a base operator."""
    if operator in ("StringEquals", "ArnEquals"):
        return policy_value == request_value
    if operator == "StringEqualsIgnoreCase":
        return policy_value.lower() == request_value.lower()
    if operator in ("StringLike", "ArnLike"):
        return bool(wildcard(policy_value).match(request_value))
    if operator == "Bool":
        return policy_value.lower() == request_value.lower()
    if operator == "IpAddress":
        try:
            return ipaddress.ip_address(request_value) in ipaddress.ip_network(policy_value, strict=False)
        except ValueError:
            return False
    if operator.startswith(("Numeric", "Date")):
        try:
            left, right = float(request_value), float(policy_value)
        except ValueError:
            left, right = request_value, policy_value  # ISO 8601 dates compare as text
        return {"Equals": left == right, "LessThan": left < right, "LessThanEquals": left <= right,
                "GreaterThan": left > right, "GreaterThanEquals": left >= right}[
            operator.removeprefix("Numeric").removeprefix("Date")]
    if operator == "BinaryEquals":
        return policy_value == request_value
    raise ValueError(f"unknown condition operator {operator}")


NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
           "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike",
           "NotIpAddress": "IpAddress", "NumericNotEquals": "NumericEquals", "DateNotEquals": "DateEquals"}


def _condition_holds(operator, key, policy_values, request):
    qualifier, _, operator = operator.rpartition(":")
    if_exists = operator.endswith("IfExists")
    operator = operator.removesuffix("IfExists")
    present = request.value(key)
    values = [_substitute(v, request) for v in as_list(policy_values)]
    if operator == "Null":
        return any((present is None) == (v.lower() == "true") for v in values)
    if present is None:
        if qualifier == "ForAnyValue":
            return if_exists
        return if_exists or operator in NEGATED or qualifier == "ForAllValues"
    base = NEGATED.get(operator, operator)

    def matches(request_value):
        return any(_compare(base, v, str(request_value).lower() if base == "Bool" else str(request_value))
                   for v in values)

    request_values = as_list(present)
    if qualifier == "ForAllValues":
        result = all(matches(v) for v in request_values)
    else:  # ForAnyValue, or a single-valued key
        result = any(matches(v) for v in request_values)
    return not result if operator in NEGATED else result


def _conditions_hold(statement, request):
    return all(_condition_holds(operator, key, values, request)
               for operator, tests in (statement.get("Condition") or {}).items()
               for key, values in tests.items())


def statement_applies(statement, request):
    if "Principal" in statement and not _principal_matches(statement["Principal"], request):
        return False
    if "NotPrincipal" in statement and _principal_matches(statement["NotPrincipal"], request):
        return False
    if "Action" in statement and not matches_any(statement["Action"], request.action, False):
        return False
    if "NotAction" in statement and matches_any(statement["NotAction"], request.action, False):
        return False
    resources = {k: [_substitute(p, request) for p in as_list(statement[k])]
                 for k in ("Resource", "NotResource") if k in statement}
    if "Resource" in resources and not matches_any(resources["Resource"], request.resource):
        return False
    if "NotResource" in resources and matches_any(resources["NotResource"], request.resource):
        return False
    return _conditions_hold(statement, request)


def evaluate(document, request):
    """ALLOW, DENY (an explicit Deny) or IMPLICIT_DENY for ``request``."""
    effects = {s.get("Effect") for s in statements(document) if statement_applies(s, request)}
    return DENY if DENY in effects else ALLOW if ALLOW in effects else IMPLICIT_DENY


def label(statement, index):
    return statement.get("Sid") or f"statement {index}"


# --- Can an outsider be allowed? -------------------------------------------

def _keys(document):
    return sorted({key.lower() for s in statements(document)
                   for tests in (s.get("Condition") or {}).values() for key in tests})


def condition_values(document, key):
    """Every value any condition of the policy gives ``key`` (any case)."""
    return [v for s in statements(document) for tests in (s.get("Condition") or {}).values()
            for k, vs in tests.items() if k.lower() == key.lower() for v in as_list(vs)]


def _fixed_cidr(value):
    try:
        network = ipaddress.ip_network(str(value), strict=False)
    except ValueError:
        return False
    return network.prefixlen >= BROADEST_FIXED_PREFIX[network.version]


def addresses_outside(document, key="aws:SourceIp"):
    """Addresses of OUTSIDER_IPS that lie outside every fixed CIDR the policy
    names for ``key``: where a caller from "any network" may stand."""
    named = [ipaddress.ip_network(str(v), strict=False) for v in condition_values(document, key) if _fixed_cidr(v)]
    return [ip for ip in OUTSIDER_IPS if not any(ipaddress.ip_address(ip) in network for network in named)]


def _is_pattern(value):
    """True when ``value`` holds a wildcard or a policy variable: a caller may fill it in."""
    return bool(_WILDCARD.search(str(value))) or "${" in str(value)


def _filled(pattern, filler="x"):
    return _WILDCARD.sub(filler, _VARIABLE.sub(filler, str(pattern)))


def outside_account(pattern, zone):
    """An account ID outside ``zone`` that ``pattern`` names or, with
    wildcards, matches; None when every account it matches is inside."""
    pattern = _VARIABLE.sub("*", str(pattern))
    if not _WILDCARD.search(pattern):
        return None if zone.includes_account(pattern) else pattern
    missing = 12 - len(pattern.replace("*", ""))
    for digit in "0987654321":
        candidate = pattern.replace("?", digit).replace("*", digit * max(missing, 0), 1).replace("*", "")
        if wildcard(pattern).match(candidate) and not zone.includes_account(candidate):
            return candidate
    return None


def outside_organization(pattern, zone):
    """An organization ID other than ours that ``pattern`` names or matches, or None."""
    if not _is_pattern(pattern):
        return None if zone.includes_organization(pattern) else str(pattern)
    for filler in "xy":
        if not zone.includes_organization(candidate := _filled(pattern, filler)):
            return candidate
    return None


def outside_org_path(pattern, zone):
    """A path under another organization that ``pattern`` matches, or None
    when the path's organization is ours (whatever wildcards follow it)."""
    organization, slash, below = str(pattern).partition("/")
    other = outside_organization(organization, zone)
    return None if other is None else other + slash + _filled(below)


def outside_arn(pattern, zone):
    """An ARN held outside ``zone`` that ``pattern`` matches, or None. The
    account part decides; an ARN without one (an S3 bucket) is held by
    whoever names the resource, so a wildcard in the name is outside."""
    parts = str(pattern).split(":", 5)
    if len(parts) < 6:
        return f"arn:aws:iam::{OUTSIDER_ACCOUNT}:role/{_filled(pattern)}" if _WILDCARD.search(pattern) else None
    account, resource = parts[4], parts[5]
    if account == "":
        name = re.split(r"[/:]", resource, maxsplit=1)[0]
        return _filled(pattern) if _is_pattern(name) else None
    other = outside_account(account, zone)
    return None if other is None else ":".join([*map(_filled, parts[:4]), other, _filled(resource)])


_OUTSIDE_VALUE = {**dict.fromkeys(ACCOUNT_KEYS, outside_account), **dict.fromkeys(ORGANIZATION_KEYS, outside_organization),
                  **dict.fromkeys(ORG_PATH_KEYS, outside_org_path), **dict.fromkeys(ARN_KEYS, outside_arn)}


def _outside_value(key, value, zone):
    """The value of ``key`` an outsider holds that ``value`` (a policy's
    value, perhaps a pattern) admits, or None."""
    if key in _OUTSIDE_VALUE:
        return _OUTSIDE_VALUE[key](value, zone)
    return _filled(value) if _is_pattern(value) else None  # a VPC, user ID...


def _choices(document, key, zone):
    """The values an outsider can give ``key`` (None: absent)."""
    if key in ("aws:sourceip", "aws:vpcsourceip"):
        return [None, *addresses_outside(document, key)[:1]]
    if key in ORIGIN_KEYS:  # its own value, or one the policy names that lies outside
        held = {found for v in condition_values(document, key) if (found := _outside_value(key, v, zone))}
        return [None, OUTSIDER_VALUE, *sorted(held)]
    # The caller chooses: every value the policy names (wildcards filled in), "true"/"false", or none.
    named = {_filled(v) for v in condition_values(document, key)}
    return [None, OUTSIDER_VALUE, "true", "false", *sorted(named)]


# Keys that follow from who the caller is.
PRINCIPAL_KEYS = ("aws:principalaccount", "aws:principalarn")
MAX_COMBINATIONS = 4096


def _elements(document, name):
    return [v for s in statements(document) for v in as_list(s.get(name))]


def _candidate_actions(document, statement, service):
    """The Allow's own action patterns (a pattern as a request stands for all
    it matches) and every concrete action the policy names that they match,
    so that a Deny of part of a wildcard is weighed for that part."""
    own = as_list(statement["Action"]) if "Action" in statement else [f"{service}:AnyActionNotListed"]
    named = [a for a in _elements(document, "Action") + _elements(document, "NotAction") if "*" not in a and "?" not in a]
    return own + sorted({a for a in named if "Action" not in statement or matches_any(own, a, False)})


def _candidate_resources(document, resources):
    """The resources asked about, and every resource pattern of the policy
    inside them, filled in (a Deny may spare a prefix an Allow opens)."""
    named = {_filled(p) for p in _elements(document, "Resource") + _elements(document, "NotResource")}
    return list(resources) + sorted(r for r in named if r not in resources and r.startswith(tuple(resources)))


def principal_account(value):
    """The account a Principal value names (an ID, a root or an ARN), or None."""
    value = str(value)
    if value.isdigit():
        return value
    parts = value.split(":")
    return parts[4] if value.startswith("arn:") and len(parts) > 5 else None


def _principals(document, zone):
    """Who the outsider can be: anonymous, a principal of an account the
    policy does not name, every principal the policy names outside the zone,
    and a principal outside it that each aws:PrincipalAccount and
    aws:PrincipalArn value admits."""
    found = [None, OUTSIDER_ARN]
    for element in _elements(document, "Principal") + _elements(document, "NotPrincipal"):
        for value in as_list(element.get("AWS")) if isinstance(element, dict) else []:
            account = principal_account(value)
            if account and not zone.includes_account(account):
                found.append(value if value.startswith("arn:") and not value.endswith(":root")
                             else f"arn:aws:iam::{account}:role/outsider")
    found += [f"arn:aws:iam::{account}:role/outsider" for v in condition_values(document, "aws:principalaccount")
              if (account := outside_account(v, zone))]
    found += [arn for v in condition_values(document, "aws:principalarn") if (arn := outside_arn(v, zone))]
    return list(dict.fromkeys(found))


# Keys only an authenticated caller has.
PRINCIPAL_BOUND_KEYS = frozenset({"aws:principalorgid", "aws:principalorgpaths", "aws:userid", "aws:username",
                                  *PRINCIPAL_KEYS})


def principal_context(principal):
    """The condition keys AWS sets from the caller's ARN (none for an anonymous caller)."""
    if principal is None:
        return {}
    return {"aws:principalaccount": principal.split(":")[4], "aws:principalarn": principal}


def _caller_context(principal, context):
    """``context`` as ``principal`` (None: anonymous) can hold it."""
    if principal is None:
        return {k: v for k, v in context.items() if k not in PRINCIPAL_BOUND_KEYS}
    return {**context, **principal_context(principal)}


def describe_outsider(request):
    """Who the outsider of ``request`` is, as a finding says it."""
    if request.principal is None:
        who = "anyone, unauthenticated"
    elif request.principal == OUTSIDER_ARN:
        who = "any AWS account outside the organization"
    elif request.principal.endswith(":role/outsider"):
        who = f"any principal of account {request.principal.split(':')[4]}, outside the organization"
    else:
        who = f"{request.principal}, outside the organization"
    named = [f"{key} {value}" for key, value in sorted(request.context.items())
             if key in ORIGIN_KEYS and key not in PRINCIPAL_KEYS and value != OUTSIDER_VALUE]
    return f"{who} (with {', '.join(named)})" if named else who


@dataclass(frozen=True)
class Grant:
    """An Allow statement an outsider can use, with one request it allows."""

    statement: str
    action: str
    resource: str
    who: str  # the outsider, as a finding names it
    anyone: bool  # anonymous callers or any account may use it: the policy is public


def outsider_access(document, resources, service, zone):
    """``[Grant]``: the Allow statements an outsider can use, one per
    statement. ``resources`` are the ARNs a request could name (for a bucket:
    the bucket and an object in it); ``service`` is the action prefix;
    ``zone`` says who is inside (compliance.trust_zone.TrustZone)."""
    keys = [k for k in _keys(document) if k not in PRINCIPAL_KEYS]
    choices = [_choices(document, key, zone) for key in keys]
    combinations = 1
    for options in choices:
        combinations *= len(options)
    if combinations > MAX_COMBINATIONS:
        raise ValueError(f"too many condition keys to weigh every combination: {', '.join(keys)}")
    contexts = [{k: v for k, v in zip(keys, values) if v is not None} for values in itertools.product(*choices)]
    found = []
    for index, statement in enumerate(statements(document)):
        if statement.get("Effect") != ALLOW:
            continue
        requests = (
            Request(action=action, resource=resource, principal=principal, context=_caller_context(principal, context))
            for principal in _principals(document, zone)
            for context in contexts
            for action in _candidate_actions(document, statement, service)
            for resource in _candidate_resources(document, resources)
        )
        hit = next((r for r in requests if statement_applies(statement, r) and evaluate(document, r) == ALLOW), None)
        if hit is not None:
            found.append(Grant(label(statement, index), hit.action, hit.resource, describe_outsider(hit),
                               anyone=hit.principal in (None, OUTSIDER_ARN)))
    return found
