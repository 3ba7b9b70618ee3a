"""The dashboard as JSON: an area's figures for a period, each against its target and the
period before, with its reports, trend and the addresses to drill down to
(``selectors.dashboard``; the same reads as the page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from degs.core.api import Id
from degs.core.permissions import require_section
from degs.core.schemas import Text
from degs.core.typing import AuthedRequest
from degs.dashboards.selectors import dashboard as selectors
from degs.indicators.periods import BadPeriod, Period, last_over

router = Router(tags=["dashboards"])


class DashboardWords(Schema):
    """Words in English and in Hindi (an empty Hindi takes the English)."""

    en: str
    hi: str


class DashboardAreaOut(Schema):
    id: int
    kind: str
    name: DashboardWords


class DashboardPointOut(Schema):
    period: str
    value: str | None
    target: str | None


class DashboardFigureOut(Schema):
    """One indicator at the area: numbers are exact decimal strings (null: not reported or no
    target); ``reached`` by the indicator's direction; ``better``: the change from the period
    before is for the better (null: no change or nothing to compare)."""

    code: str
    domain: str
    name: DashboardWords
    unit: DashboardWords
    decimals: int
    higher_is_better: bool
    value: str | None
    target: str | None
    reached: bool | None
    previous: str | None
    change: str | None
    better: bool | None
    expected: int
    reported: int
    late: int
    is_demo: bool
    refreshed_at: dt.datetime | None
    ranking_url: str
    rows_url: str
    trend: list[DashboardPointOut]


class DashboardOverdueOut(Schema):
    code: str
    name: DashboardWords
    value: str | None
    is_demo: bool
    rows_url: str


class DashboardOut(Schema):
    area: DashboardAreaOut
    period: str
    refreshed_at: dt.datetime | None
    is_demo: bool
    overdue_period: str
    overdue: list[DashboardOverdueOut]
    figures: list[DashboardFigureOut]


class DashboardQuery(Schema):
    period: Text | None = None  # 2026-04, 2026-27-Q1 or 2026-27; the last month over if none


def _words(en: str, hi: str) -> dict[str, str]:
    return {"en": en, "hi": hi or en}


def _number(value: Decimal | None) -> str | None:
    """An exact decimal string, four places at most, without trailing zeros."""
    if value is None:
        return None
    text = format(value.quantize(Decimal("0.0001")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figure(tile: selectors.Tile) -> dict[str, Any]:
    indicator, figure = tile.indicator, tile.figure
    return {
        "code": indicator.code,
        "domain": indicator.domain,
        "name": _words(indicator.name, indicator.name_hi),
        "unit": _words(indicator.unit, indicator.unit_hi),
        "decimals": indicator.decimals,
        "higher_is_better": indicator.higher_is_better,
        "value": _number(tile.value),
        "target": _number(tile.target),
        "reached": tile.reached,
        "previous": _number(tile.before.value if tile.before else None),
        "change": _number(tile.change),
        "better": tile.better,
        "expected": figure.expected if figure else 0,
        "reported": figure.reported if figure else 0,
        "late": figure.late if figure else 0,
        "is_demo": tile.is_demo,
        "refreshed_at": figure.refreshed_at if figure else None,
        "ranking_url": tile.ranking_url,
        "rows_url": tile.rows_url,
        "trend": [
            {"period": p.period.code, "value": _number(p.value), "target": _number(p.target)}
            for p in tile.trend
        ],
    }


@router.get("/areas/{area_id}", response=DashboardOut, url_name="get_dashboard")
def get_dashboard(request: AuthedRequest, area_id: Id, params: Query[DashboardQuery]) -> object:
    """An area's dashboard for a period: every indicator shown, by domain, with its figure,
    target, the period before, reports received and late, a 12-period trend and the
    addresses of the children's ranking and of the rows behind it; the overdue counts of the
    current month. An area outside the caller's answers 404."""
    require_section(request.user, "dashboards")
    area = selectors.dashboard_area_get(user=request.user, pk=area_id)
    period = last_over()
    if params.period:
        try:
            period = Period.parse(params.period)
        except BadPeriod as bad:
            raise ValidationError(
                {"period": _("Give a month (2026-04), a quarter (2026-27-Q1) or a year (2026-27).")}
            ) from bad
    board = selectors.dashboard_get(user=request.user, area=area, period=period)
    return {
        "area": {
            "id": area.pk,
            "kind": area.kind,
            "name": _words(area.name, area.name_hi),
        },
        "period": period.code,
        "refreshed_at": board.refreshed_at,
        "is_demo": board.is_demo,
        "overdue_period": board.overdue_period.code,
        "overdue": [
            {
                "code": t.code,
                "name": _words(t.indicator.name, t.indicator.name_hi),
                "value": _number(t.value),
                "is_demo": t.is_demo,
                "rows_url": t.rows_url,
            }
            for t in board.overdue
        ],
        "figures": [_figure(t) for d in board.domains for t in d.tiles],
    }
