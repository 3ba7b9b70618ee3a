"""Turns domain errors raised under a view into a page in the user's language, and refuses
addresses that carry control characters."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from degs.core.exceptions import ApplicationError
from degs.core.text import has_control_characters


class ApplicationErrorMiddleware:
    """One place where HTML views answer an ``ApplicationError``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/") or not isinstance(exception, ApplicationError):
            return None
        if exception.status == 404:
            return render(request, "404.html", status=404)
        template = (
            "core/partials/error.html" if request.headers.get("HX-Request") else "core/error.html"
        )
        return render(request, template, {"message": exception.message}, status=exception.status)


class AddressTextMiddleware:
    """A page's address is text that enters too: search boxes and list filters read the query
    string (some straight from ``request.GET``), and a NUL in ``?q=`` reaches PostgreSQL, which
    refuses it. So a path or query string carrying a control character (``core.text``) answers
    400 with a page saying so, before any view runs. The API checks its parameters itself
    (``core.schemas.Text``) and answers 422 naming each one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/") and _address_refused(request):
            message = _(
                "This page's address holds invisible control characters (such as NUL) that "
                "cannot be used. Remove them and try again."
            )
            template = (
                "core/partials/error.html"
                if request.headers.get("HX-Request")
                else "core/error.html"
            )
            return render(request, template, {"message": message}, status=400)
        return self.get_response(request)


def _address_refused(request: HttpRequest) -> bool:
    texts = [request.path_info]
    for key, values in request.GET.lists():
        texts.append(key)
        texts.extend(values)
    return any(has_control_characters(text) for text in texts)
