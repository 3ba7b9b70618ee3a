"""What a user may do: roles, capabilities, sections and the one set of checks.

Roles are named bundles of capabilities; code checks capabilities, never role names. A user
holds a role in an area (a grant, or a post whose designation carries a role) and the role's
capabilities apply to that area and everything under it.

Each app declares its capabilities, the sections it opens, and which roles carry its
capabilities, in its ``apps.py`` (``degs.core.registry.DegsAppConfig``); the accounts app
declares the roles. This module assembles them, and asks for the user's jurisdiction through
``degs.core.scoping.jurisdiction_of`` (the ``DEGS_JURISDICTION_RESOLVER`` setting), so core
imports no domain app.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db import models

from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from degs.core.registry import degs_apps
from degs.core.scoping import jurisdiction_of, minimal_paths


class _Placed(Protocol):
    path: str


def _build() -> tuple[Any, Any, dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    configs = degs_apps()
    roles = [role for config in configs for role in config.roles]
    capabilities = [capability for config in configs for capability in config.capabilities]
    # The functional API of an enum: TextChoices("Name", [(attribute, (value, label)), ...]).
    choices: Any = models.TextChoices
    role_choices = choices("Role", [(role.name, (role.code, role.label)) for role in roles])
    capability_choices = choices("Capability", [(c.name, (c.code, c.label)) for c in capabilities])
    every = frozenset(c.code for c in capabilities)
    granted: dict[str, frozenset[str]] = {
        role.code: every if role.everything else frozenset() for role in roles
    }
    sections: dict[str, frozenset[str]] = {}
    for config in configs:
        for role_code, codes in config.role_capabilities.items():
            granted[role_code] = granted.get(role_code, frozenset()) | codes
        for name, codes in config.sections.items():
            sections[name] = sections.get(name, frozenset()) | codes
    return role_choices, capability_choices, granted, sections


# The project's roles and capabilities (``Role.STATE_ADMIN``, ``Capability.DIRECTORY_VIEW``),
# as TextChoices assembled from the apps' declarations.
Role: Any
Capability: Any
ROLE_CAPABILITIES: dict[str, frozenset[str]]
# Which capabilities open each section of the site: the menu shows a section's entries, pages
# show their links to it, and its pages admit the user, on this one test (``user_may_open``).
# A user needs any one of them.
SECTIONS: dict[str, frozenset[str]]
Role, Capability, ROLE_CAPABILITIES, SECTIONS = _build()


def capabilities_of(roles: set[str]) -> set[str]:
    result: set[str] = set()
    for role in roles:
        result |= ROLE_CAPABILITIES.get(role, frozenset())
    return result


def capability_paths(user: Any, *capabilities: str) -> tuple[str, ...] | None:
    """The area paths where ``user`` holds any of ``capabilities`` through a role (the
    smallest set covering them; empty: nowhere); None: everywhere."""
    jurisdiction = jurisdiction_of(user)
    if jurisdiction.everywhere:
        return None
    wanted = set(capabilities)
    return minimal_paths(
        path for role, path in jurisdiction.roles if wanted & capabilities_of({role})
    )


def user_can(user: Any, capability: str, area: _Placed | None = None) -> bool:
    """Does the user hold a role with this capability in ``area`` (or anywhere, if None)?"""
    jurisdiction = jurisdiction_of(user)
    if jurisdiction.everywhere:
        return True
    roles = jurisdiction.role_names() if area is None else jurisdiction.roles_at(area.path)
    return capability in capabilities_of(roles)


def user_may_open(user: Any, section: str) -> bool:
    """May the user open this section of the site (``SECTIONS``)? The menu, the links to the
    section and its pages all ask this."""
    return any(user_can(user, capability) for capability in SECTIONS[section])


def require_section(user: Any, section: str) -> None:
    """Refuse (403) a page of a section the user may not open (``user_may_open``)."""
    if not user_may_open(user, section):
        raise PermissionDenied


def require_capability(actor: Any, capability: str, area: _Placed, message: Any = None) -> None:
    """Refuse unless the actor may use ``capability`` at ``area``.

    Outside the actor's areas the answer is "not found", as for a row that does not exist;
    inside them without the capability it is "not allowed" (with ``message`` if given).
    """
    if not jurisdiction_of(actor).covers(area.path):
        raise OutOfJurisdiction
    if not user_can(actor, capability, area):
        raise PermissionDenied(message)
