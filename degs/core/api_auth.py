"""API authentication: the browser session, or a bearer token for integrations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer


class TokenAuth(HttpBearer):
    """``Authorization: Bearer degs_...`` as issued on the profile page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from degs.accounts.services import api_token_authenticate

        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods also need the CSRF token."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None
