"""The accounts app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``)."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL


def _user(block: Area, tag: str) -> Any:
    from degs.accounts.roles import Role
    from tests.factories import UserFactory, grant

    person = UserFactory(username=f"user_{tag}", full_name=f"Person {tag}")
    grant(person, Role.VIEWER, block)
    return person


MAKERS: dict[str, Maker] = {
    "user": Maker(_user),
}


SCOPED_URLS: list[ScopedURL] = [
    ScopedURL("accounts:user_list", "user", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("accounts:user_detail", "user", "detail", viewer="dc_a"),
]


NOT_AREA_BOUND: dict[str, str] = {
    "accounts:login": "public",
    "accounts:logout": "signs out",
    "accounts:password_change": "the user's own password",
    "accounts:profile": "the user's own posts, roles and tokens",
    "accounts:token_create": "the user's own tokens",
    "accounts:token_revoke": "the user's own tokens; another user's answers 404 (tested)",
    "accounts:user_create": "creates a user with a role only in the creator's areas (tested)",
    "accounts:role_grant_revoke": "grants outside the actor's areas answer 404 (tested)",
    "accounts:notice_list": "the user's own notices",
    "api:me": "the caller's own record",
}


PUBLIC_URLS: set[str] = {
    "accounts:login",
}
