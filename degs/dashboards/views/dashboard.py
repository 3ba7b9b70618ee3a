"""The DC's dashboard: the user's own area (``dashboard``), any area they see (``area``, the
drill-down) and one indicator across an area's children (``ranking``). Reads only the maintained
figures, through ``degs.dashboards.selectors.dashboard``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from degs.core.db_router import reads_from_replica
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.dashboards.selectors import dashboard as selectors
from degs.directory.models import Area
from degs.indicators.periods import Period, from_code, offered

SECTION = "dashboards"


def _period_context(request: AuthedRequest) -> dict[str, Any]:
    period = from_code(request.GET.get("period"))
    choices = offered()
    if period not in choices:
        choices.insert(0, period)
    return {
        "period": period,
        "period_choices": choices,
        "chart_words": {"figure": gettext("Figure"), "target": gettext("Target")},
    }


def _draw(
    request: AuthedRequest, area: Area, period: Period, context: dict[str, Any]
) -> HttpResponse:
    board = selectors.dashboard_get(user=request.user, area=area, period=period)
    return render(
        request,
        "dashboards/dashboard.html",
        {**context, "board": board, "area": area},
    )


@reads_from_replica
@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    """The user's own dashboard: the district of a DC or DIO, the block of a block officer,
    the state of a state's officer (whose districts are ranked from each figure, and on the
    state's view)."""
    require_section(request.user, SECTION)
    area = selectors.home_area(user=request.user)
    if area is None:  # an administrator of everything: the first state
        area = Area.objects.filter(parent__isnull=True).order_by("path").first()
        if area is None:
            raise Http404
    context = _period_context(request)
    return _draw(request, area, context["period"], context)


@reads_from_replica
@login_required
@require_GET
def area(request: AuthedRequest, area_id: int) -> HttpResponse:
    """The dashboard of any area the user sees (the drill-down); 404 outside their areas."""
    require_section(request.user, SECTION)
    place = selectors.dashboard_area_get(user=request.user, pk=area_id)
    context = _period_context(request)
    return _draw(request, place, context["period"], context)


@reads_from_replica
@login_required
@require_GET
def ranking(request: AuthedRequest, area_id: int, code: str) -> HttpResponse:
    """One indicator across the area's children, best first."""
    require_section(request.user, SECTION)
    place = selectors.dashboard_area_get(user=request.user, pk=area_id)
    indicator = selectors.indicator_get(code)
    context = _period_context(request)
    result = selectors.ranking_get(area=place, indicator=indicator, period=context["period"])
    ancestors = selectors.visible_ancestors(user=request.user, area=place)
    return render(
        request,
        "dashboards/area_ranking.html",
        {**context, "ranking": result, "area": place, "ancestors": ancestors},
    )
