"""Roles are named bundles of capabilities; code checks capabilities, never role names.

A user holds a role in an area (a grant, or a post whose designation carries a role) and the
role's capabilities apply to that area and everything under it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STATE_ADMIN = "state_admin", _("State administrator")
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    CSC_MANAGER = "csc_manager", _("CSC manager")
    INSPECTOR = "inspector", _("Inspector (District Service Provider)")
    BLOCK_OFFICER = "block_officer", _("Block / tehsil officer")
    DEPARTMENT_OFFICER = "department_officer", _("Department officer")
    KIOSK_OPERATOR = "kiosk_operator", _("Kiosk operator")
    NETWORK_ENGINEER = "network_engineer", _("Network engineer")
    VIEWER = "viewer", _("Read-only viewer")


class Capability(models.TextChoices):
    DIRECTORY_VIEW = "directory.view", _("See the directory")
    DIRECTORY_MANAGE = "directory.manage", _("Change and import the directory")
    DIRECTORY_EXPORT = "directory.export", _("Export the directory")
    ACCOUNTS_MANAGE = "accounts.manage", _("Manage users and their roles")
    CENTRES_VIEW = "centres.view", _("See the service centres of the area")
    CENTRES_MANAGE = "centres.manage", _("Manage service centres and operators")
    CENTRES_INSPECT = "centres.inspect", _("Inspect service centres")
    CENTRES_APPROVE = "centres.approve", _("Approve suspensions and closures of centres")
    CENTRE_OPERATE = "centres.operate", _("Operate a service centre")
    APPLICATIONS_VIEW = "applications.view", _("See the citizens' applications of the area")
    APPLICATIONS_DECIDE = "applications.decide", _("Act on citizens' applications")
    CATALOGUE_MANAGE = "catalogue.manage", _("Define citizen services")
    REVIEWS_VIEW = "reviews.view", _("See the committees and directives of the area")
    REVIEWS_MANAGE = "reviews.manage", _("Record meetings and issue directives")
    REVIEWS_REPORT = "reviews.report", _("Report compliance on directives")
    CONNECTIVITY_REPORT = "connectivity.report", _("Report network links and tests")


_EVERY_OFFICER = {
    Capability.DIRECTORY_VIEW,
    Capability.DIRECTORY_EXPORT,
    Capability.REVIEWS_REPORT,
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.STATE_ADMIN: frozenset(Capability.values),
    Role.DISTRICT_ADMIN: frozenset(Capability.values),
    Role.CSC_MANAGER: frozenset(
        _EVERY_OFFICER
        | {Capability.CENTRES_MANAGE, Capability.CENTRES_INSPECT, Capability.APPLICATIONS_VIEW}
    ),
    Role.INSPECTOR: frozenset(
        _EVERY_OFFICER | {Capability.CENTRES_INSPECT, Capability.APPLICATIONS_VIEW}
    ),
    Role.BLOCK_OFFICER: frozenset(
        _EVERY_OFFICER
        | {
            Capability.APPLICATIONS_VIEW,
            Capability.APPLICATIONS_DECIDE,
            Capability.CENTRES_INSPECT,
        }
    ),
    Role.DEPARTMENT_OFFICER: frozenset(
        _EVERY_OFFICER | {Capability.APPLICATIONS_VIEW, Capability.APPLICATIONS_DECIDE}
    ),
    # An operator sees the applications of the centres they run, not of their area: the
    # applications' scoping (ApplicationQuerySet.visible_to) adds those.
    Role.KIOSK_OPERATOR: frozenset({Capability.DIRECTORY_VIEW, Capability.CENTRE_OPERATE}),
    # Links and tests need no citizen's application.
    Role.NETWORK_ENGINEER: frozenset(_EVERY_OFFICER | {Capability.CONNECTIVITY_REPORT}),
    # Sees what the area's officers see, and changes nothing.
    Role.VIEWER: frozenset(
        {
            Capability.DIRECTORY_VIEW,
            Capability.DIRECTORY_EXPORT,
            Capability.APPLICATIONS_VIEW,
            Capability.CENTRES_VIEW,
            Capability.REVIEWS_VIEW,
        }
    ),
}

# Which capabilities open each section of the site: the menu shows a section's entry, pages
# show their links to it, and its pages admit the user, on this one test
# (``degs.accounts.selectors.user_may_open``). A user needs any one of them.
SECTIONS: dict[str, frozenset[str]] = {
    "reviews": frozenset(
        {Capability.REVIEWS_VIEW, Capability.REVIEWS_REPORT, Capability.REVIEWS_MANAGE}
    ),
    "centres": frozenset(
        {
            Capability.CENTRES_VIEW,
            Capability.CENTRES_MANAGE,
            Capability.CENTRES_INSPECT,
            Capability.CENTRE_OPERATE,
        }
    ),
    "applications": frozenset(
        {
            Capability.APPLICATIONS_VIEW,
            Capability.APPLICATIONS_DECIDE,
            Capability.CENTRE_OPERATE,
            Capability.CATALOGUE_MANAGE,
        }
    ),
    # The pending and disposal reports.
    "reports": frozenset({Capability.APPLICATIONS_DECIDE, Capability.CATALOGUE_MANAGE}),
    # User charges: the district's statement, or a centre's own.
    "ledger": frozenset(
        {Capability.CENTRES_MANAGE, Capability.CATALOGUE_MANAGE, Capability.CENTRE_OPERATE}
    ),
    "accounts": frozenset({Capability.ACCOUNTS_MANAGE}),
}


def capabilities_of(roles: set[str]) -> set[str]:
    result: set[str] = set()
    for role in roles:
        result |= ROLE_CAPABILITIES.get(role, frozenset())
    return result
