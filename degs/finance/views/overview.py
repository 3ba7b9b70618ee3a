"""Pages of the finance app's overview part: the DC's page of what was bought, where it is,
what is broken and what is left in the fund (``selectors.overview``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.http import urlencode
from django.views import View

from degs.core.generic import GateMixin
from degs.core.typing import AuthedRequest
from degs.finance.selectors.overview import overview


def list_url(name: str, **query: Any) -> str:
    """The address of another part's list, filtered; "" while that list does not exist."""
    try:
        base = reverse(name)
    except NoReverseMatch:
        return ""
    return base + ("?" + urlencode(query) if query else "")


class OverviewView(GateMixin, View):
    section = "finance"
    capability = "finance.view"
    http_method_names = ["get", "head"]

    def get(self, request: AuthedRequest) -> HttpResponse:
        self.gate(request)
        data = overview(user=request.user)
        for line in data.statuses:
            line.url = list_url("assets:asset_list", status=line.status)  # type: ignore[attr-defined]
        for block in data.blocks:
            block.url = (  # type: ignore[attr-defined]
                list_url("assets:asset_list", area=block.block.pk) if block.block else ""
            )
        links = {
            "bought": list_url("assets:case_list", status="delivered"),
            "assets": list_url("assets:asset_list"),
            "open": list_url("assets:ticket_list", status="open"),
            "overdue": list_url("assets:ticket_list", overdue="yes"),
            "technical": list_url("assets:ticket_list", kind="technical_case"),
            "statement": list_url("finance:statement", year=data.year),
        }
        several = len({h.head.district_id for h in data.heads}) > 1
        return render(
            request, "finance/overview.html", {"o": data, "links": links, "several": several}
        )


urlpatterns: list[URLPattern] = [
    path("overview/", OverviewView.as_view(), name="overview"),
]
