"""What the navigation needs to know about the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from degs.accounts.roles import Capability
from degs.accounts.selectors import notice_unread_count, user_can


def capabilities(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_manage_accounts": user_can(user, Capability.ACCOUNTS_MANAGE),
        "can_review": user_can(user, Capability.REVIEWS_REPORT)
        or user_can(user, Capability.REVIEWS_MANAGE),
        "can_see_centres": any(
            user_can(user, c)
            for c in (
                Capability.CENTRES_MANAGE,
                Capability.CENTRES_INSPECT,
                Capability.CENTRE_OPERATE,
            )
        ),
        "can_see_applications": any(
            user_can(user, c)
            for c in (
                Capability.APPLICATIONS_VIEW,
                Capability.APPLICATIONS_DECIDE,
                Capability.CENTRE_OPERATE,
                Capability.CATALOGUE_MANAGE,
            )
        ),
        "unread_notices": notice_unread_count(user=user),
    }
