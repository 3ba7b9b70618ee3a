"""Keeping the maintained figures (``Figure``): what a dashboard reads instead of the base
tables (docs/indicators.md, "Summaries").

A change to values queues its district, element and period (``values_changed``, in the
writer's transaction); after the commit a task works the queue off (``refresh_queued``), the
cron run every five minutes computes the figure sources and works it off too
(``indicators_refresh``), and everything is rebuilt overnight (``rebuild``).

How a figure is worked out (``refresh``):

- an element's total for an area is the sum of the values of every area under it (its own
  included), read once per district and rolled up the area paths in Python;
- over time, a quarter or a year of a "sum" element adds its months; of a "last" element each
  reporting area counts with the last month it reported in the period (so a block that has not
  reported March yet counts with February);
- reports: an indicator's completeness is its numerator's first element's. ``expected`` is the
  active areas of that element's level under the area times the element's periods in the
  figure's period that are due by today; ``reported`` the (area, period) pairs with a value (its
  categories are one report); ``late`` those whose first value was entered after the due day.
  A computed element expects nothing;
- a state's figure adds its districts: whenever one district is refreshed, the state's row for
  the same indicators and periods is worked out again from the whole state's values by a few
  grouped queries, so it never adds a stale copy of another district.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from degs.core.figures import figure_source
from degs.core.scoping import PATH_STEP
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import Origin, OverTime, PeriodType, Source
from degs.indicators.formula import MAX_RESULT, Reference
from degs.indicators.models import (
    VALUE_PLACES,
    DataElement,
    DataValue,
    Figure,
    FigureQueue,
    Indicator,
)
from degs.indicators.periods import Period
from degs.indicators.selectors.targets import pick, targets_in

logger = logging.getLogger(__name__)

# (district id, element id, period)
Key = tuple[int, int, Period]

# The levels of the area tree that have figures, top first. An indicator has figures from the
# lowest level its elements are entered at up to the state.
FIGURE_KINDS = (
    AreaKind.STATE,
    AreaKind.DISTRICT,
    AreaKind.SUBDIVISION,
    AreaKind.TEHSIL,
    AreaKind.BLOCK,
    AreaKind.GRAM_PANCHAYAT,
)
_RANK = {str(kind): rank for rank, kind in enumerate(FIGURE_KINDS)}
_PLACES = Decimal(1).scaleb(-VALUE_PLACES)


def values_changed(keys: Iterable[Key]) -> int:
    """Queue the figures that changed values feed: each district, element and period, and the
    longer periods each period is part of (a month's quarter and year). Call it inside the
    transaction that changes the values; after it commits, a task works the queue off
    (``refresh_queued``). Returns how many keys were queued."""
    now = timezone.now()
    rows = {}
    for district_id, element_id, period in keys:
        for p in (period, *period.containing()):
            rows[(district_id, element_id, p.type, p.start)] = FigureQueue(
                district_id=district_id,
                element_id=element_id,
                period_type=p.type,
                period_start=p.start,
                queued_at=now,
            )
    FigureQueue.objects.bulk_create(list(rows.values()), ignore_conflicts=True)
    # One task per transaction however many calls: a callback still waiting for this
    # transaction's commit is not added again.
    waiting = transaction.get_connection().run_on_commit
    if rows and not any(
        isinstance(entry[1], _EnqueueRefresh) and not entry[1].done for entry in waiting
    ):
        transaction.on_commit(_EnqueueRefresh())
    return len(rows)


class _EnqueueRefresh:
    """After the commit: enqueue the task that works the queue off."""

    done = False

    def __call__(self) -> None:
        from degs.indicators.tasks import figures_refresh

        self.done = True
        figures_refresh.enqueue()


# --- the sums behind the figures -----------------------------------------------------------------


def periods_within(element: DataElement, period: Period) -> list[Period]:
    """The element's own periods (its reporting periods) that make up ``period``: a quarter's
    months for a monthly element, the year itself for a yearly one; none when the element is
    reported for a longer period than ``period``."""
    own = Period(period.start, element.period_type).months
    if own > period.months:
        return []
    if element.period_type == period.type:
        return [period]
    return [Period(m.start, element.period_type) for m in period.month_periods()[::own]]


def _due(element: DataElement, periods: Sequence[Period], today: dt.date) -> int:
    return sum(1 for p in periods if p.due_on(element.due_days) <= today)


def _deadline(element: DataElement, period: Period) -> dt.datetime:
    """The first moment a report for the period is late (the day after its due day, in India)."""
    day = period.due_on(element.due_days) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass
class _Sums:
    """Element totals and reports per (period, element id, area id)."""

    totals: dict[tuple[Period, int, str, int], Decimal] = field(
        default_factory=lambda: defaultdict(Decimal)
    )
    demo: set[tuple[Period, int, int]] = field(default_factory=set)
    reported: dict[tuple[Period, int, int], int] = field(default_factory=lambda: defaultdict(int))
    late: dict[tuple[Period, int, int], int] = field(default_factory=lambda: defaultdict(int))


# (element id, area id, period type, period start, category, value, entered at, is demo)
_Row = tuple[int, int, str, dt.date, str, Decimal, dt.datetime, bool]


def _roll_up(
    rows: Iterable[_Row],
    elements: dict[int, DataElement],
    periods: Sequence[Period],
    above: Callable[[int], Sequence[int]],
) -> _Sums:
    """The district's element totals and reports for every area, from its value rows; each
    row adds to its own area and every area above it in the district (``above``). Linear in
    the rows (times the few periods each row is part of)."""
    sums = _Sums()
    by_key: dict[tuple[int, str, dt.date], list[_Row]] = defaultdict(list)
    for row in rows:
        by_key[(row[0], row[2], row[3])].append(row)
    for period in periods:
        for element_id, element in elements.items():
            within = periods_within(element, period)
            if not within:
                continue
            used = [r for p in within for r in by_key.get((element_id, p.type, p.start), ())]
            if not used:
                continue
            if element.over_time == OverTime.LAST and len(within) > 1:
                last: dict[int, dt.date] = {}
                for r in used:
                    if r[1] not in last or r[3] > last[r[1]]:
                        last[r[1]] = r[3]
                counted = [r for r in used if r[3] == last[r[1]]]
            else:
                counted = used
            for r in counted:
                for area_id in above(r[1]):
                    if r[4]:
                        sums.totals[(period, element_id, r[4], area_id)] += r[5]
                    sums.totals[(period, element_id, "", area_id)] += r[5]
                    if r[7]:
                        sums.demo.add((period, element_id, area_id))
            if element.source == Source.COMPUTED:
                continue
            first: dict[tuple[int, dt.date], dt.datetime] = {}
            for r in used:
                pair = (r[1], r[3])
                if pair not in first or r[6] < first[pair]:
                    first[pair] = r[6]
            for (area_id, start), entered in first.items():
                is_late = entered >= _deadline(element, Period(start, element.period_type))
                for above_id in above(area_id):
                    sums.reported[(period, element_id, above_id)] += 1
                    if is_late:
                        sums.late[(period, element_id, above_id)] += 1
    return sums


def _state_sums(
    state_id: int,
    elements: dict[int, DataElement],
    reporting: set[int],
    periods: Sequence[Period],
) -> _Sums:
    """The state's element totals and reports, by grouped queries over its districts' values
    (a few per period, whatever the number of districts and areas)."""
    sums = _Sums()
    in_state = Q(district__parent_id=state_id)
    for period in periods:
        plain, last = Q(pk__in=[]), Q(pk__in=[])
        reports, on_time = Q(pk__in=[]), Q(pk__in=[])
        has_plain = has_last = has_reports = False
        for element_id, element in elements.items():
            within = periods_within(element, period)
            if not within:
                continue
            here = Q(
                element_id=element_id,
                period_type=element.period_type,
                period_start__in=[p.start for p in within],
            )
            if element.over_time == OverTime.LAST and len(within) > 1:
                last |= here
                has_last = True
            else:
                plain |= here
                has_plain = True
            if element_id in reporting and element.source != Source.COMPUTED:
                reports |= here
                has_reports = True
                for p in within:
                    on_time |= Q(
                        element_id=element_id,
                        period_start=p.start,
                        entered_at__lt=_deadline(element, p),
                    )
        latest = (
            DataValue.objects.filter(
                element_id=OuterRef("element_id"),
                area_id=OuterRef("area_id"),
                period_type=OuterRef("period_type"),
                period_start__gte=period.start,
                period_start__lte=period.end,
            )
            .order_by("-period_start")
            .values("period_start")[:1]
        )
        for condition, is_last, wanted in ((plain, False, has_plain), (last, True, has_last)):
            if not wanted:
                continue
            qs = DataValue.objects.filter(in_state).filter(condition)
            if is_last:
                qs = qs.alias(latest=Subquery(latest)).filter(period_start=F("latest"))
            grouped = qs.values("element_id", "category").annotate(
                total=Sum("value"), demo=Count("pk", filter=Q(is_demo=True))
            )
            for line in grouped.order_by():
                element_id, category = line["element_id"], line["category"]
                if category:
                    sums.totals[(period, element_id, category, state_id)] += line["total"]
                sums.totals[(period, element_id, "", state_id)] += line["total"]
                if line["demo"]:
                    sums.demo.add((period, element_id, state_id))
        if has_reports:
            counted = (
                DataValue.objects.filter(in_state)
                .filter(reports)
                .values("element_id", "period_start")
                .annotate(
                    reported=Count("area_id", distinct=True),
                    on_time=Count("area_id", distinct=True, filter=on_time),
                )
                .order_by()
            )
            for line in counted:
                key = (period, line["element_id"], state_id)
                sums.reported[key] += line["reported"]
                sums.late[key] += line["reported"] - line["on_time"]
    return sums


# --- working the figures out --------------------------------------------------------------------


def _lowest_rank(indicator: Indicator, by_code: dict[str, DataElement]) -> int:
    ranks = [
        _RANK.get(str(by_code[code].entry_level), _RANK[AreaKind.GRAM_PANCHAYAT])
        for code in indicator.element_codes
        if code in by_code
    ]
    return max(ranks, default=_RANK[AreaKind.DISTRICT])


def _quantized(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    with localcontext() as context:
        context.prec = 40
        return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def _figure_value(
    indicator: Indicator, numerator: Decimal | None, denominator: Decimal | None
) -> Decimal | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    with localcontext() as context:
        context.prec = 28
        try:
            value = numerator / denominator * indicator.factor
        except (ArithmeticError, InvalidOperation):
            return None
    return None if abs(value) >= MAX_RESULT else value


@dataclass
class _Catalogue:
    indicators: list[Indicator]
    elements: dict[int, DataElement]
    by_code: dict[str, DataElement]

    @classmethod
    def load(cls, elements: Iterable[int] | None) -> _Catalogue:
        indicators = list(Indicator.objects.filter(is_active=True).order_by("pk"))
        every = {e.code: e for e in DataElement.objects.all()}
        if elements is not None:
            wanted = {e.code for e in every.values() if e.pk in set(elements)}
            indicators = [i for i in indicators if i.element_codes & wanted]
        codes = {code for i in indicators for code in i.element_codes}
        by_code = {code: e for code, e in every.items() if code in codes}
        return cls(indicators, {e.pk: e for e in by_code.values()}, by_code)


def _figures_of(
    catalogue: _Catalogue,
    sums: _Sums,
    areas: Sequence[tuple[int, int | None, str]],
    reporting_under: Callable[[str, int], int],
    periods: Sequence[Period],
    targets: dict[Any, Decimal],
    today: dt.date,
    now: dt.datetime,
) -> list[Figure]:
    """The figure rows of ``areas`` (id, parent id, kind) from the sums."""
    figures = []
    for indicator in catalogue.indicators:
        lowest = _lowest_rank(indicator, catalogue.by_code)
        numerator_formula = indicator.numerator_formula
        denominator_formula = indicator.denominator_formula
        first_code = indicator.reporting_element
        first = catalogue.by_code.get(first_code) if first_code else None
        element_ids = [
            catalogue.by_code[c].pk for c in indicator.element_codes if c in catalogue.by_code
        ]
        for period in periods:
            due = 0
            if first is not None and first.source != Source.COMPUTED:
                due = _due(first, periods_within(first, period), today)
            for area_id, parent_id, kind in areas:
                if _RANK.get(kind, len(FIGURE_KINDS)) > lowest:
                    continue

                def read(
                    reference: Reference, area_id: int = area_id, period: Period = period
                ) -> Decimal | None:
                    element = catalogue.by_code.get(reference.element)
                    if element is None:
                        return None
                    total = sums.totals.get((period, element.pk, reference.category, area_id))
                    if total is None and element.source == Source.COMPUTED:
                        # A count of the project's rows is never "not reported": no rows is 0.
                        return Decimal(0)
                    return total

                numerator = numerator_formula.value(read)
                denominator = denominator_formula.value(read) if indicator.denominator else None
                value = _figure_value(
                    indicator, numerator, denominator if indicator.denominator else Decimal(1)
                )
                expected = reported = late = 0
                if first is not None and first.source != Source.COMPUTED:
                    expected = reporting_under(str(first.entry_level), area_id) * due
                    reported = sums.reported.get((period, first.pk, area_id), 0)
                    late = sums.late.get((period, first.pk, area_id), 0)
                figures.append(
                    Figure(
                        indicator_id=indicator.pk,
                        area_id=area_id,
                        parent_id=parent_id,
                        kind=kind,
                        period_type=period.type,
                        period_start=period.start,
                        numerator=_quantized(numerator),
                        denominator=_quantized(denominator),
                        value=_quantized(value),
                        target=pick(targets, indicator.pk, area_id, period),
                        expected=expected,
                        reported=reported,
                        late=late,
                        is_demo=any((period, e, area_id) in sums.demo for e in element_ids),
                        refreshed_at=now,
                    )
                )
    return figures


_WRITTEN = [
    "parent",
    "kind",
    "numerator",
    "denominator",
    "value",
    "target",
    "expected",
    "reported",
    "late",
    "is_demo",
    "refreshed_at",
]


def _write(
    figures: list[Figure],
    under: Q,
    catalogue: _Catalogue,
    periods: Sequence[Period],
    now: dt.datetime,
) -> None:
    """Upsert the rows, then drop the rows under ``under`` of the same indicators and periods
    that were not written (an area made inactive, an indicator's level raised)."""
    if figures:
        Figure.objects.bulk_create(
            figures,
            update_conflicts=True,
            unique_fields=["indicator", "area", "period_type", "period_start"],
            update_fields=_WRITTEN,
        )
    in_periods = Q(pk__in=[])
    for p in periods:
        in_periods |= Q(period_type=p.type, period_start=p.start)
    Figure.objects.filter(
        under, in_periods, indicator_id__in=[i.pk for i in catalogue.indicators]
    ).exclude(refreshed_at=now).delete()


def _district(district: Area | int) -> Area:
    if isinstance(district, Area):
        return district
    return Area.objects.get(pk=district)


def refresh(
    district: Area | int,
    periods: Iterable[Period],
    elements: Iterable[int] | None = None,
    *,
    with_state: bool = True,
) -> int:
    """Work out again every figure of the district's areas (and its state's row, unless
    ``with_state`` is False) for the indicators reading ``elements`` (element ids; all when
    None) in ``periods``. A fixed number of queries whatever the number of areas; returns the
    number of figure rows written."""
    district = _district(district)
    periods = sorted(set(periods))
    catalogue = _Catalogue.load(elements)
    if not catalogue.indicators or not periods:
        return 0
    today = timezone.localdate()
    now = timezone.now()

    tree = list(
        Area.objects.filter(path__startswith=district.path).values_list(
            "pk", "path", "parent_id", "kind", "is_active"
        )
    )
    id_of = {path: pk for pk, path, _, _, _ in tree}
    chains: dict[int, list[int]] = {}
    floor = len(district.path)
    for pk, path, _, _, _ in tree:
        chains[pk] = [
            id_of[path[:end]]
            for end in range(floor, len(path) + 1, PATH_STEP)
            if path[:end] in id_of
        ]
    reporting: dict[tuple[str, int], int] = defaultdict(int)
    for pk, _, _, kind, active in tree:
        if active:
            for above_id in chains[pk]:
                reporting[(kind, above_id)] += 1

    starts = [p.start for p in periods]
    ends = [p.end for p in periods]
    rows = DataValue.objects.filter(
        district_id=district.pk,
        element_id__in=list(catalogue.elements),
        period_start__gte=min(starts),
        period_start__lte=max(ends),
    ).values_list(
        "element_id",
        "area_id",
        "period_type",
        "period_start",
        "category",
        "value",
        "entered_at",
        "is_demo",
    )
    sums = _roll_up(rows, catalogue.elements, periods, lambda pk: chains.get(pk, ()))
    areas = [
        (pk, parent_id, kind)
        for pk, _, parent_id, kind, active in tree
        if active or pk == district.pk
    ]
    state_id = district.parent_id if with_state else None
    area_q = Q(area__path__startswith=district.path)
    if state_id is not None:
        area_q |= Q(area_id=state_id)
    targets = targets_in([i.pk for i in catalogue.indicators], area_q, periods)
    figures = _figures_of(
        catalogue,
        sums,
        areas,
        lambda kind, pk: reporting.get((kind, pk), 0),
        periods,
        targets,
        today,
        now,
    )
    with transaction.atomic():
        _write(figures, Q(area__path__startswith=district.path), catalogue, periods, now)
        if state_id is not None:
            figures_written = _refresh_state(state_id, catalogue, periods, targets, today, now)
        else:
            figures_written = 0
    return len(figures) + figures_written


def _refresh_state(
    state_id: int,
    catalogue: _Catalogue,
    periods: Sequence[Period],
    targets: dict[Any, Decimal] | None,
    today: dt.date,
    now: dt.datetime,
) -> int:
    state = Area.objects.only("pk", "path", "parent_id", "kind").get(pk=state_id)
    reporting_counts = dict(
        Area.objects.filter(path__startswith=state.path, is_active=True)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
        .order_by()
    )
    first_elements = set()
    for indicator in catalogue.indicators:
        code = indicator.reporting_element
        if code in catalogue.by_code:
            first_elements.add(catalogue.by_code[code].pk)
    sums = _state_sums(state.pk, catalogue.elements, first_elements, periods)
    if targets is None:
        targets = targets_in([i.pk for i in catalogue.indicators], Q(area_id=state.pk), periods)
    figures = _figures_of(
        catalogue,
        sums,
        [(state.pk, state.parent_id, str(state.kind))],
        lambda kind, pk: reporting_counts.get(kind, 0),
        periods,
        targets,
        today,
        now,
    )
    _write(figures, Q(area_id=state.pk), catalogue, periods, now)
    return len(figures)


def refresh_state(
    state: Area | int, periods: Iterable[Period], elements: Iterable[int] | None = None
) -> int:
    """Work out the state's own row again (its districts' values added up)."""
    state_id = state.pk if isinstance(state, Area) else state
    catalogue = _Catalogue.load(elements)
    periods = sorted(set(periods))
    if not catalogue.indicators or not periods:
        return 0
    with transaction.atomic():
        return _refresh_state(
            state_id, catalogue, periods, None, timezone.localdate(), timezone.now()
        )


# --- the queue ----------------------------------------------------------------------------------


def refresh_queued(limit: int = 1000) -> int:
    """Take up to ``limit`` queued keys (skipping those another worker holds, on PostgreSQL),
    remove them from the queue at once, and refresh each district's figures for their periods
    and elements. A change committed while this runs queues its key again, so nothing is lost;
    a refresh that fails puts its keys back. Returns the number of keys taken."""
    with transaction.atomic():
        queue = FigureQueue.objects.order_by("queued_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            queue = queue.select_for_update(skip_locked=True)
        taken = list(queue[:limit])
        if not taken:
            return 0
        FigureQueue.objects.filter(pk__in=[row.pk for row in taken]).delete()
    groups: dict[int, tuple[set[Period], set[int]]] = defaultdict(lambda: (set(), set()))
    for row in taken:
        periods, element_ids = groups[row.district_id]
        periods.add(Period(row.period_start, row.period_type))
        element_ids.add(row.element_id)
    failed: Exception | None = None
    for district_id, (periods, element_ids) in groups.items():
        try:
            refresh(district_id, periods, element_ids)
        except Exception as error:
            logger.exception("Figures of district %s not refreshed; queued again", district_id)
            FigureQueue.objects.bulk_create(
                [r for r in taken if r.district_id == district_id], ignore_conflicts=True
            )
            failed = failed or error
    if failed is not None:
        raise failed
    return len(taken)


# --- computed elements --------------------------------------------------------------------------


# The figure sources found missing, told once per process.
_WARNED: set[str] = set()


def compute_sources(district: Area | int, period: Period, *, queue: bool = True) -> list[int]:
    """Count each computed element's figure source for the district and period and store the
    counts as its values (origin "computed"), replacing its earlier counts: an area counted
    before and not now gets 0 (a computed figure is never "not reported"). A source not
    registered yet is skipped with a warning. Queues the elements that changed (``queue``);
    returns their ids."""
    district = _district(district)
    computed = list(
        DataElement.objects.filter(source=Source.COMPUTED, is_active=True, period_type=period.type)
    )
    if not computed:
        return []
    inside = set(Area.objects.filter(path__startswith=district.path).values_list("pk", flat=True))
    existing: dict[tuple[int, int], DataValue] = {
        (v.element_id, v.area_id): v
        for v in DataValue.objects.filter(
            district_id=district.pk,
            element__in=computed,
            period_type=period.type,
            period_start=period.start,
            category="",
        )
    }
    now = timezone.now()
    changed: set[int] = set()
    new: list[DataValue] = []
    updated: list[DataValue] = []
    for element in computed:
        source = figure_source(element.figure_source)
        if source is None:
            if element.figure_source in _WARNED:
                continue
            _WARNED.add(element.figure_source)
            logger.warning(
                "No figure source %s for element %s: skipped", element.figure_source, element.code
            )
            continue
        counts = {
            area_id: Decimal(count)
            for area_id, count in source.count(district, period.start, period.end).items()
            if area_id in inside
        }
        before = {a: v for (e, a), v in existing.items() if e == element.pk}
        for area_id in before.keys() - counts.keys():
            counts[area_id] = Decimal(0)
        for area_id, count in counts.items():
            row = before.get(area_id)
            if row is None:
                new.append(
                    DataValue(
                        element=element,
                        area_id=area_id,
                        district=district,
                        period_type=period.type,
                        period_start=period.start,
                        category="",
                        value=count,
                        origin=Origin.COMPUTED,
                        entered_by=None,
                        entered_at=now,
                    )
                )
                changed.add(element.pk)
            elif row.value != count or row.origin != Origin.COMPUTED:
                row.value, row.origin, row.entered_at = count, Origin.COMPUTED, now
                row.version += 1
                updated.append(row)
                changed.add(element.pk)
    with transaction.atomic():
        if new:
            DataValue.objects.bulk_create(new)
        if updated:
            DataValue.objects.bulk_update(updated, ["value", "origin", "entered_at", "version"])
        if queue and changed:
            values_changed((district.pk, element_id, period) for element_id in changed)
    return sorted(changed)


# --- rebuilding ---------------------------------------------------------------------------------


def rebuild_periods(months: int = 12, today: dt.date | None = None) -> list[Period]:
    """The last ``months`` months (this one included) and the quarters and years they fall in."""
    current = Period.of(PeriodType.MONTH, today or timezone.localdate())
    found: set[Period] = set()
    for month in current.trend(months):
        found.update((month, *month.containing()))
    return sorted(found)


def rebuild(districts: Iterable[Area | int] | None = None, months: int = 12) -> int:
    """Compute the figure sources and work out every figure of the last ``months`` months (and
    their quarters and years) for ``districts`` (all when None) and their states: the nightly
    run. Running it again gives the same rows; so does any order of incremental refreshes.
    Returns the number of figure rows written."""
    if districts is None:
        chosen = list(Area.objects.filter(kind=AreaKind.DISTRICT).order_by("path"))
    else:
        chosen = [_district(d) for d in districts]
    periods = rebuild_periods(months)
    month_periods = [p for p in periods if p.type == PeriodType.MONTH]
    written = 0
    states: set[int] = set()
    for district in chosen:
        for month in month_periods:
            compute_sources(district, month, queue=False)
        written += refresh(district, periods, with_state=False)
        if district.parent_id is not None:
            states.add(district.parent_id)
    for state_id in sorted(states):
        written += refresh_state(state_id, periods)
    return written
