"""API authentication by bearer token: the tokens are issued on the profile page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from degs.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer degs_...`` as issued on the profile page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user
