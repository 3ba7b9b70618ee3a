"""The figures API: the maintained figures of an area (or of the areas one level below it)
for a period, as JSON (``/api/figures/figures``) or CSV (``/api/figures/figures.csv``); the
fields are described in docs/indicators.md, "Summaries"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from degs.core.downloads import table_response
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.indicators.models import Figure
from degs.indicators.periods import Period
from degs.indicators.schemas.figures import FigureOut, FiguresQuery
from degs.indicators.selectors import figures as selectors

router = Router(tags=["figures"])


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _figures(request: AuthedRequest, query: FiguresQuery) -> list[Figure]:
    require_section(request.user, "indicators")
    area = selectors.area_get(user=request.user, pk=query.area)
    period = Period.parse(query.period)
    indicators = selectors.indicators_shown([query.indicator] if query.indicator else None)
    if query.indicator and not indicators:
        raise Http404
    return selectors.figures_listed(area, period, indicators, children=query.level == "children")


def _row(figure: Figure) -> dict[str, Any]:
    area = figure.area
    return {
        "indicator": figure.indicator.code,
        "area_id": area.pk,
        "area_name": area.name,
        "area_name_hi": area.name_hi,
        "area_kind": area.kind,
        "lgd_code": area.lgd_code,
        "period": figure.period.code,
        "numerator": _number(figure.numerator),
        "denominator": _number(figure.denominator),
        "value": _number(figure.value),
        "target": _number(figure.target),
        "expected": figure.expected,
        "reported": figure.reported,
        "late": figure.late,
        "is_demo": figure.is_demo,
        "refreshed_at": figure.refreshed_at,
    }


@router.get("/figures", response=list[FigureOut], url_name="figures_list")
def figures_list(request: AuthedRequest, query: Query[FiguresQuery]) -> list[dict[str, Any]]:
    """The figures of ``area`` (or, with ``level=children``, of each area one level below it)
    for ``period``: every indicator shown on the dashboard, or only ``indicator``. An area
    outside the caller's answers 404; a figure not worked out yet is absent."""
    return [_row(f) for f in _figures(request, query)]


CSV_COLUMNS = (
    "indicator", "area_id", "area_name", "area_name_hi", "area_kind", "lgd_code", "period",
    "numerator", "denominator", "value", "target", "expected", "reported", "late", "is_demo",
    "refreshed_at",
)  # fmt: skip


@router.get(
    "/figures.csv",
    url_name="figures_csv",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The figures as CSV, one row each, columns as the JSON fields.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def figures_csv(request: AuthedRequest, query: Query[FiguresQuery]) -> HttpResponse:
    """The same figures as ``/figures``, as a CSV download whose columns are the JSON fields
    (formula-like cells neutralised)."""
    rows = [_row(f) for f in _figures(request, query)]
    return table_response(
        CSV_COLUMNS,
        ([row[c] for c in CSV_COLUMNS] for row in rows),
        fmt="csv",
        title=_("Figures"),
        stem=f"figures-{query.period}",
    )
