"""Small helpers for views that answer both full pages and htmx fragments."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def pick_template(request: HttpRequest, full: str, partial: str) -> str:
    """The fragment for an htmx request, the whole page otherwise."""
    return partial if is_htmx(request) else full
