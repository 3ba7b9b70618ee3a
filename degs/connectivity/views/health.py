"""Pages of the connectivity app's health part: a link's probe token (made here, shown once)
and how to install the probe that uses it."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views import View

from degs.connectivity import workflow
from degs.connectivity.models import Link
from degs.connectivity.selectors import links as link_selectors
from degs.connectivity.services import health
from degs.core.exceptions import PermissionDenied
from degs.core.generic import GateMixin
from degs.core.permissions import user_can
from degs.core.site import absolute_url
from degs.core.typing import AuthedRequest


class LinkTokenView(GateMixin, View):
    """GET: which token is in use (its first characters) and how to install the probe. POST:
    a new token (the old one stops working), shown once on the answer, never stored."""

    section = "connectivity"
    capability = workflow.MANAGE
    http_method_names = ["get", "post"]

    def _link(self, request: AuthedRequest, pk: int) -> Link:
        link = link_selectors.link_get(user=request.user, pk=pk)
        if not user_can(request.user, workflow.MANAGE, link.area):
            raise PermissionDenied
        return link

    def _page(self, request: AuthedRequest, link: Link, token: str = "") -> HttpResponse:
        context: dict[str, Any] = {
            "link": link,
            "token": token,
            "token_shown": token or "<TOKEN>",
            "ingest_url": absolute_url(reverse("api:link_heartbeats", args=[link.pk])),
            "push_url": absolute_url(reverse("api:link_push", args=[link.pk, token or "TOKEN"])),
            "interval": health._sla(link).heartbeat_seconds,
        }
        response = render(request, "connectivity/health_token.html", context)
        response["Cache-Control"] = "no-store"  # the token is shown once: never from a cache
        return response

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        self.gate(request)
        return self._page(request, self._link(request, pk))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        self.gate(request)
        link = self._link(request, pk)
        token = health.probe_token_issue(actor=request.user, link=link)
        return self._page(request, link, token)


urlpatterns: list[URLPattern] = [
    path("links/<int:pk>/token/", LinkTokenView.as_view(), name="link_token"),
]
