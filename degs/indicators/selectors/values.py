"""Reading values: the list and one value with its history (scoped to the reader's areas),
and what the entry page offers (the areas a user may report for, the periods, and each
element's current values for one area and period)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.core.permissions import capability_paths
from degs.core.scoping import under_q
from degs.directory.models import Area
from degs.directory.selectors import user_current_holdings
from degs.indicators.choices import Category, PeriodType, Source
from degs.indicators.models import DataElement, DataValue, DataValueEvent
from degs.indicators.periods import Period

ENTER = "indicators.enter"
# The most areas the entry page offers in its choice (a state's users give one by its id).
ENTRY_AREAS_OFFERED = 400
# How many periods back the entry page offers.
RECENT_PERIODS = {PeriodType.MONTH: 13, PeriodType.QUARTER: 5, PeriodType.YEAR: 2}


def value_list(*, user: Any) -> QuerySet[DataValue]:
    """The values in the user's areas, newest period first."""
    return (
        DataValue.objects.visible_to(user)
        .select_related("element", "area", "entered_by")
        .order_by("-period_start", "element__code", "area__path", "category", "pk")
    )


def value_get(*, user: Any, pk: int) -> DataValue:
    """One value the user sees (404 otherwise, as for one that does not exist)."""
    return get_object_or_404(value_list(user=user), pk=pk)


def value_history(value: DataValue) -> list[DataValueEvent]:
    """Every entry, change and removal of the value's element, area, period and category,
    newest first (removals before it was entered again are kept)."""
    return list(
        DataValueEvent.objects.filter(
            element_id=value.element_id,
            area_id=value.area_id,
            period_type=value.period_type,
            period_start=value.period_start,
            category=value.category,
        )
        .select_related("actor")
        .order_by("-at", "-pk")[:100]
    )


# --- the entry page ------------------------------------------------------------------------------


def entry_levels() -> set[str]:
    """The kinds of area some entered element in use is reported for."""
    return set(
        DataElement.objects.filter(source=Source.ENTERED, is_active=True).values_list(
            "entry_level", flat=True
        )
    )


def entry_areas(*, user: Any) -> list[Area]:
    """The areas the user may enter figures for, of the kinds figures are reported for: the
    areas of the posts they hold first, then the others by place in the tree (at most
    ``ENTRY_AREAS_OFFERED``)."""
    paths = capability_paths(user, ENTER)
    if paths is not None and not paths:
        return []
    levels = entry_levels()
    areas = Area.objects.filter(kind__in=levels, is_active=True)
    if paths is not None:
        areas = areas.filter(under_q("path", paths))
    own = [h.post.area for h in user_current_holdings(user=user)]
    own = [
        a
        for a in own
        if a.kind in levels and (paths is None or any(a.path.startswith(p) for p in paths))
    ]
    rest = list(areas.exclude(pk__in=[a.pk for a in own]).order_by("path")[:ENTRY_AREAS_OFFERED])
    return list({a.pk: a for a in [*own, *rest]}.values())


def entry_area(*, user: Any, pk: int) -> Area | None:
    """One area the user may enter figures for, or None."""
    paths = capability_paths(user, ENTER)
    area = Area.objects.filter(pk=pk, kind__in=entry_levels()).first()
    if area is None or (paths is not None and not any(area.path.startswith(p) for p in paths)):
        return None
    return area


def entry_periods(today: dt.date | None = None) -> list[Period]:
    """The periods the entry page offers: this one and the recent ones before it of each type
    an element in use is reported every, newest first."""
    today = today or timezone.localdate()
    types = set(
        DataElement.objects.filter(source=Source.ENTERED, is_active=True).values_list(
            "period_type", flat=True
        )
    ) or {PeriodType.MONTH}
    periods: list[Period] = []
    for period_type in (PeriodType.MONTH, PeriodType.QUARTER, PeriodType.YEAR):
        if period_type in types:
            current = Period.of(period_type, today)
            periods.extend(current.previous(i) for i in range(RECENT_PERIODS[period_type]))
    return periods


@dataclass
class EntryCell:
    """One input of the entry page: a category of an element, with its value if reported."""

    category: str
    label: str
    value: DataValue | None
    # After someone else's change: the value as it is now (None: taken back) and that it moved.
    now: DataValue | None = None
    moved: bool = False


@dataclass
class EntryRow:
    """One element on the entry page, with its inputs, due day and whether it is late."""

    element: DataElement
    cells: list[EntryCell]
    due: dt.date
    mine: bool
    late: bool = False
    reported: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def entry_rows(
    *, user: Any, area: Area, period: Period, today: dt.date | None = None
) -> list[EntryRow]:
    """The entered elements reported for ``area``'s kind every ``period``'s type, those the
    user's posts report first, each with its current values in ``period``; two queries."""
    today = today or timezone.localdate()
    designations = {h.post.designation_id for h in user_current_holdings(user=user)}
    elements = list(
        DataElement.objects.filter(
            source=Source.ENTERED,
            is_active=True,
            entry_level=area.kind,
            period_type=period.type,
        ).order_by("domain", "code")
    )
    values = {
        (v.element_id, v.category): v
        for v in DataValue.objects.filter(
            area=area,
            period_type=period.type,
            period_start=period.start,
            element__in=[e.pk for e in elements],
        )
    }
    by_pk = {e.pk: e for e in elements}
    for value in values.values():
        value.element = by_pk[value.element_id]  # read once above: is_late asks for it
    labels = {str(c): str(c.label) for c in Category if c}
    rows = []
    for element in elements:
        cells = [
            EntryCell(c, labels.get(c, ""), values.get((element.pk, c))) for c in element.categories
        ]
        due = period.due_on(element.due_days)
        reported = any(c.value is not None for c in cells)
        late = (not reported and today > due) or any(
            c.value is not None and c.value.is_late for c in cells
        )
        rows.append(
            EntryRow(
                element=element,
                cells=cells,
                due=due,
                mine=element.reported_by_id in designations,
                late=late,
                reported=reported,
            )
        )
    rows.sort(key=lambda r: not r.mine)
    return rows
