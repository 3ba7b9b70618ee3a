"""Types shared by views: a request whose user is signed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from degs.accounts.models import User


class AuthedRequest(HttpRequest):
    """What ``login_required`` views receive."""

    user: User
