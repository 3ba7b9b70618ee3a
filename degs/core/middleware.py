"""Turns domain errors raised under a view into a page in the user's language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from degs.core.exceptions import ApplicationError


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
