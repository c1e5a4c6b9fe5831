"""AWS IAM (a global service, read through the home region)."""

import csv
import io

from compliance.aws.answers import extended
from compliance.errors import ApiUnreadable


def password_policy(api, home_region):
    """The account password policy, or None when none is set (NoSuchEntity)."""
    answer = api.read("iam", "GetAccountPasswordPolicy", home_region, absent=("NoSuchEntity",))
    return answer["PasswordPolicy"] if answer else None


def account_summary(api, home_region):
    """``GetAccountSummary``'s SummaryMap (root credentials, entity counts, quotas)."""
    return api.read("iam", "GetAccountSummary", home_region)["SummaryMap"]


def root_virtual_mfa_devices(api, home_region, account_id):
    """Virtual MFA devices assigned to the root user (a hardware device is not listed)."""
    devices = api.read("iam", "ListVirtualMFADevices", home_region, AssignmentStatus="Assigned")["VirtualMFADevices"]
    return [d for d in devices if d["User"]["Arn"].endswith(f":{account_id}:root")]


def attached_managed_policies(api, home_region):
    """Managed policies (AWS and customer) attached to a user, group or role,
    each with the document of its default version: the AWS ones read one by
    one (GetAccountAuthorizationDetails would bring all of AWS's thousand),
    the customer ones from ``customer_managed_policies``."""
    listed = api.read("iam", "ListPolicies", home_region, Scope="AWS", OnlyAttached=True)["Policies"]
    aws = [extended(policy, Document=api.read("iam", "GetPolicyVersion", home_region, PolicyArn=policy["Arn"],
                                              VersionId=policy["DefaultVersionId"])["PolicyVersion"]["Document"])
           for policy in listed]
    customer = [policy for policy in customer_managed_policies(api, home_region) if policy["AttachmentCount"]]
    return sorted(aws + customer, key=lambda p: p["Arn"])


def customer_managed_policies(api, home_region):
    """Every customer-managed policy, attached or not, with the document of
    its default version: part of the one paginated question
    ``authorization_details`` asks, however many policies there are."""
    found = []
    for policy in _account_authorization_details(api, home_region).get("Policies", []):
        default = [v for v in policy["PolicyVersionList"] if v["IsDefaultVersion"]]
        if len(default) != 1:
            raise ApiUnreadable("iam", "GetAccountAuthorizationDetails", api.account_id, home_region,
                                "NoDefaultVersion", f"the PolicyVersionList of {policy['Arn']} holds "
                                                    f"{len(default)} default versions")
        found.append(extended(policy, Document=default[0]["Document"]))
    return sorted(found, key=lambda p: p["Arn"])


ROOT_ROW = "<root_account>"
# GetCredentialReport's error codes when no report from the last four hours
# exists, and while one is being generated.
REPORT_MISSING = ("ReportNotPresent", "ReportExpired")
REPORT_PENDING = ("ReportInProgress",)


def credential_report(api, home_region):
    """IAM's credential report: when it was generated, and one row per user
    (the root user as ``<root_account>``) with AWS's values as written."""
    answer = api.read_generated("iam", "GetCredentialReport", home_region, generate="GenerateCredentialReport",
                                missing=REPORT_MISSING, pending=REPORT_PENDING)
    rows = list(csv.DictReader(io.StringIO(answer["Content"].decode("utf-8"))))
    if not any(row.get("user") == ROOT_ROW for row in rows):
        raise ApiUnreadable("iam", "GetCredentialReport", api.account_id, home_region, "IncompleteReport",
                            f"the credential report has no {ROOT_ROW} row, which AWS always writes")
    return {"GeneratedTime": answer.get("GeneratedTime"), "Users": rows}


# (authorization details list, ListEntitiesForPolicy's key, name member)
_HOLDERS = (("GroupDetailList", "PolicyGroups", "GroupName"), ("UserDetailList", "PolicyUsers", "UserName"),
            ("RoleDetailList", "PolicyRoles", "RoleName"))


def policy_entities(api, home_region, policy_arn):
    """The groups, users and roles a managed policy is attached to (their
    names, keyed as ListEntitiesForPolicy keys them), from the authorization
    details the account's other IAM controls read: no request per policy."""
    details = authorization_details(api, home_region)
    return {kind: [{name: entity[name]} for entity in details[listed]
                   if any(p["PolicyArn"] == policy_arn for p in entity.get("AttachedManagedPolicies", []))]
            for listed, kind, name in _HOLDERS}


def _account_authorization_details(api, home_region):
    """Every user, group, role and customer-managed policy: one paginated question."""
    return api.read("iam", "GetAccountAuthorizationDetails", home_region,
                    Filter=["User", "Group", "Role", "LocalManagedPolicy"])


def authorization_details(api, home_region):
    """Every IAM user, group and role with its inline and attached managed
    policies (users with their groups, roles with their trust policy)."""
    answer = _account_authorization_details(api, home_region)
    return {key: answer.get(key, []) for key in ("UserDetailList", "GroupDetailList", "RoleDetailList")}


def server_certificates(api, home_region):
    """Metadata (ARN, expiration) of the server certificates stored in IAM."""
    return api.read("iam", "ListServerCertificates", home_region)["ServerCertificateMetadataList"]


def organizations_features(api, home_region):
    """IAM's centralized root access features enabled for the organization
    (read in the management account); None when IAM's trusted access is off."""
    answer = api.read("iam", "ListOrganizationsFeatures", home_region, absent=("ServiceAccessNotEnabledException",))
    return None if answer is None else answer.get("EnabledFeatures", [])
