"""Roles are named bundles of capabilities; code checks capabilities, never role names.

The roles, capabilities and sections are declared by the apps (each app's ``apps.py``) and
assembled in ``degs.core.permissions``; these names stay importable from here.
"""

from __future__ import annotations

from degs.core.permissions import (
    ROLE_CAPABILITIES,
    SECTIONS,
    Capability,
    Role,
    capabilities_of,
)

__all__ = ["ROLE_CAPABILITIES", "SECTIONS", "Capability", "Role", "capabilities_of"]
