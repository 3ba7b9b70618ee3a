"""The state's view: the districts of the state ranked per indicator for a period
(``selectors.state``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from degs.core.db_router import reads_from_replica
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.dashboards.selectors.state import state_view
from degs.indicators.choices import Basis
from degs.indicators.periods import from_code, offered


def _district_url(pk: int) -> str:
    """The district's dashboard, when it is there to link to."""
    try:
        return reverse("dashboards:area", args=[pk])
    except NoReverseMatch:
        return ""


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 12 else None


@reads_from_replica
@login_required
@require_GET
def state(request: AuthedRequest) -> HttpResponse:
    """The districts of the user's state (or those of them in the user's areas) ranked for
    one indicator and period, with every indicator's ranks in an overview."""
    require_section(request.user, "dashboards")
    view = state_view(
        user=request.user,
        indicator_code=request.GET.get("indicator"),
        period=from_code(request.GET.get("period")),
        basis=request.GET.get("basis"),
        state_id=_int(request.GET.get("state")),
    )
    periods = offered()
    if view.period not in periods:
        periods.insert(0, view.period)
    return render(
        request,
        "dashboards/state.html",
        {
            "view": view,
            "periods": periods,
            "bases": Basis.choices,
            "district_urls": {d.pk: _district_url(d.pk) for d in view.districts},
        },
    )
