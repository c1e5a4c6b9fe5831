"""AWS Account Management (a global service, read through the home region)."""


def alternate_contact(api, home_region, contact_type):
    """The account's BILLING, OPERATIONS or SECURITY contact; None when none is set."""
    answer = api.read("account", "GetAlternateContact", home_region, absent=("ResourceNotFoundException",),
                      AlternateContactType=contact_type)
    return answer["AlternateContact"] if answer else None
