"""What the navigation needs to know about the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from degs.accounts.selectors import notice_unread_count
from degs.core.permissions import SECTIONS, user_may_open
from degs.core.registry import menu_for


def capabilities(request: HttpRequest) -> dict[str, Any]:
    """``sections``: which sections of the site the user may open (the sections the apps
    declare, ``degs.core.permissions.SECTIONS``); ``menu``: the apps' menu entries for those
    sections. Pages admit on the same test."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    sections = {name: user_may_open(user, name) for name in SECTIONS}
    return {
        "sections": sections,
        "menu": menu_for(lambda section: sections.get(section, False)),
        "unread_notices": notice_unread_count(user=user),
    }
