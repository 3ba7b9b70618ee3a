"""Reading the maintained figures: what every dashboard, ranking, review pack and the figures
API draw from. Each read is a few indexed queries on the ``Figure`` table whatever the size of
the base tables; a level of the area tree is read flat by the row's ``parent``.

Scoping: an area is read only when the user sees it (``Area.objects.visible_to``); a figure of
an area the user sees covers only that area, so reading it shows nothing of another's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Min
from django.http import Http404

from degs.core.memo import remembered
from degs.directory.models import Area
from degs.indicators.models import DataElement, Figure, Indicator
from degs.indicators.periods import Period


def area_get(*, user: Any, pk: int) -> Area:
    """An area the user sees, else 404 (as for one that does not exist)."""
    try:
        return Area.objects.visible_to(user).get(pk=pk)
    except Area.DoesNotExist as missing:
        raise Http404 from missing


def indicators_shown(codes: Iterable[str] | None = None) -> list[Indicator]:
    """The indicators in use, in the dashboard's order; only ``codes`` when given (in that
    same order). Reference data: read through the process's memo (``degs.core.memo``; a saved
    indicator or element starts a new generation, see ``IndicatorsConfig.ready``)."""
    shown = remembered(("indicators", "shown"), lambda: list(Indicator.objects.shown()))
    if codes is None:
        return list(shown)
    wanted = set(codes)
    return [i for i in shown if i.code in wanted]


def elements_all() -> list[DataElement]:
    """Every data element, by domain and code, through the memo as ``indicators_shown``."""
    return remembered(
        ("indicators", "elements"), lambda: list(DataElement.objects.order_by("domain", "code"))
    )


def element_levels() -> dict[str, tuple[str, str]]:
    """Each data element's code -> (the kind of area reporting it, its source)."""
    return {e.code: (e.entry_level, e.source) for e in elements_all()}


def figures_at(
    area: Area, period: Period, indicators: Sequence[Indicator] | None = None
) -> dict[int, Figure]:
    """The area's figure for each indicator (by indicator id) in the period; an indicator
    with no figure yet is absent."""
    qs = Figure.objects.filter(area=area, period_type=period.type, period_start=period.start)
    if indicators is not None:
        qs = qs.filter(indicator__in=[i.pk for i in indicators])
    return {f.indicator_id: f for f in qs}


def figures_over(
    area: Area, periods: Sequence[Period], indicators: Sequence[Indicator] | None = None
) -> dict[tuple[int, dt.date], Figure]:
    """The area's figures in several periods of one type (a trend), by (indicator id, period
    start); one query."""
    if not periods:
        return {}
    qs = Figure.objects.filter(
        area=area,
        period_type=periods[0].type,
        period_start__in=[p.start for p in periods],
    )
    if indicators is not None:
        qs = qs.filter(indicator__in=[i.pk for i in indicators])
    return {(f.indicator_id, f.period_start): f for f in qs}


def children_figures(
    area: Area, period: Period, indicators: Sequence[Indicator] | None = None
) -> list[Figure]:
    """The figures of the areas one level below ``area`` (a district's blocks and
    subdivisions, a block's panchayats) in the period, with their areas; one query."""
    qs = Figure.objects.filter(
        parent=area, period_type=period.type, period_start=period.start
    ).select_related("area")
    if indicators is not None:
        qs = qs.filter(indicator__in=[i.pk for i in indicators])
    return list(qs)


def ranked(figures: Iterable[Figure], indicator: Indicator) -> list[Figure]:
    """Best first by the indicator's direction; areas without a figure last, by name."""
    known = [f for f in figures if f.value is not None]
    unknown = [f for f in figures if f.value is None]
    known.sort(key=lambda f: f.area.name)
    known.sort(key=lambda f: f.value or 0, reverse=indicator.higher_is_better)  # stable
    return known + sorted(unknown, key=lambda f: f.area.name)


def refreshed_at(area: Area, period: Period) -> dt.datetime | None:
    """When the oldest of the area's figures for the period was worked out: how stale the
    page can be."""
    return Figure.objects.filter(
        area=area, period_type=period.type, period_start=period.start
    ).aggregate(oldest=Min("refreshed_at"))["oldest"]


@dataclass(frozen=True)
class Change:
    """A figure beside the same figure a period earlier."""

    now: Decimal | None
    before: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before


def against_target(figure: Figure | None, indicator: Indicator) -> bool | None:
    """Has the figure reached its target (by the indicator's direction)? None: no figure or no
    target."""
    if figure is None or figure.value is None or figure.target is None:
        return None
    if indicator.higher_is_better:
        return figure.value >= figure.target
    return figure.value <= figure.target


def figures_listed(
    area: Area, period: Period, indicators: Sequence[Indicator], *, children: bool = False
) -> list[Figure]:
    """The figures of ``area`` (or of the areas one level below it) for the indicators in the
    period, with their areas and indicators, by indicator order then area name; one query.
    What the figures API answers."""
    qs = Figure.objects.filter(
        period_type=period.type,
        period_start=period.start,
        indicator__in=[i.pk for i in indicators],
    ).select_related("area", "indicator")
    qs = qs.filter(parent=area) if children else qs.filter(area=area)
    order = {indicator.pk: position for position, indicator in enumerate(indicators)}
    return sorted(qs, key=lambda f: (order[f.indicator_id], f.area.name, f.area_id))
