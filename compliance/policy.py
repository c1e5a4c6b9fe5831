"""Reading resource policies (IAM policy language) for the questions the
controls ask: does a statement deny insecure transport, and does any
statement grant access to a principal outside the organization."""

import fnmatch

ORG_CONDITION_KEYS = ("aws:principalorgid", "aws:principalaccount", "aws:principalorgpaths")


def statements(document):
    found = (document or {}).get("Statement", [])
    return [found] if isinstance(found, dict) else list(found)


def as_list(value):
    return [value] if isinstance(value, str) else list(value or [])


def _is_everyone(principal):
    return principal == "*" or (isinstance(principal, dict) and "*" in as_list(principal.get("AWS")))


def _matches_any(patterns, value):
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)


def _condition_values(statement, operators, key):
    """Values a statement's Condition requires for ``key`` under any of the
    ``operators`` (condition keys are case-insensitive)."""
    values = []
    for operator, tests in (statement.get("Condition") or {}).items():
        if operator in operators:
            values += [v for k, vs in tests.items() if k.lower() == key for v in as_list(vs)]
    return values


def denies_insecure_transport(document, bucket, partition="aws"):
    """True when a Deny statement for every principal covers all S3 actions on
    the bucket and its objects whenever ``aws:SecureTransport`` is false."""
    for statement in statements(document):
        if statement.get("Effect") != "Deny" or not _is_everyone(statement.get("Principal")):
            continue
        if not _matches_any(as_list(statement.get("Action")), "s3:*"):
            continue
        resources = as_list(statement.get("Resource"))
        bucket_arn = f"arn:{partition}:s3:::{bucket}"
        covers = _matches_any(resources, bucket_arn) and _matches_any(resources, f"{bucket_arn}/any-object")
        insecure = [str(v).lower() for v in _condition_values(statement, ("Bool",), "aws:securetransport")]
        if covers and "false" in insecure:
            return True
    return False


def _principal_accounts(principal):
    """Account IDs named by a principal element, and whether it names anyone
    it cannot pin to an account (``*``, canonical users)."""
    if principal == "*":
        return set(), True
    accounts, unpinned = set(), False
    for kind, values in principal.items():
        for value in as_list(values):
            if kind == "Service":
                continue
            if kind == "AWS" and value == "*":
                unpinned = True
            elif kind in ("AWS", "Federated") and (value.isdigit() or value.startswith("arn:")):
                accounts.add(value if value.isdigit() else value.split(":")[4])
            else:
                unpinned = True
    return accounts, unpinned


def grants_outside_organization(document, org_id, org_accounts):
    """Allow statements that reach principals outside the organization:
    ``[(statement Sid or index, why)]``. A condition on aws:PrincipalOrgID
    equal to ``org_id`` (or aws:PrincipalAccount within the organization)
    restricts ``*``; AWS service principals are not accounts and are allowed."""
    found = []
    for index, statement in enumerate(statements(document)):
        if statement.get("Effect") != "Allow":
            continue
        name = statement.get("Sid") or f"statement {index}"
        if "NotPrincipal" in statement:
            found.append((name, "Allow with NotPrincipal grants everyone not listed"))
            continue
        accounts, unpinned = _principal_accounts(statement.get("Principal", {}))
        org_ids = _condition_values(statement, ("StringEquals", "StringEqualsIgnoreCase"), "aws:principalorgid")
        principal_accounts = set(_condition_values(statement, ("StringEquals",), "aws:principalaccount"))
        restricted = (org_ids and set(org_ids) <= {org_id}) or (
            principal_accounts and principal_accounts <= set(org_accounts))
        if unpinned and not restricted:
            found.append((name, "grants access to any AWS principal without an aws:PrincipalOrgID condition"))
        outside = sorted(accounts - set(org_accounts))
        if outside:
            found.append((name, f"grants access to account(s) outside the organization: {', '.join(outside)}"))
    return found
