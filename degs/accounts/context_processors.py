"""What the navigation needs to know about the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from degs.accounts.roles import SECTIONS
from degs.accounts.selectors import notice_unread_count, user_may_open


def capabilities(request: HttpRequest) -> dict[str, Any]:
    """``sections``: which sections of the site the user may open (``roles.SECTIONS``); the
    menu shows those and no other, and the sections' pages admit on the same test."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "sections": {name: user_may_open(user, name) for name in SECTIONS},
        "unread_notices": notice_unread_count(user=user),
    }
