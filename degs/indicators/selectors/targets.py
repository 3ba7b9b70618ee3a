"""Which target a figure is measured against (docs/indicators.md, "Summaries").

An area's target for a period is its own target for that exact period; a month without one
takes its quarter's, then its year's; a quarter without one takes its year's. The target is
shown as set, never divided: a yearly target of 1,200 people trained stays 1,200 on a month's
figure (a count's month is read against the year's goal, and the page names the target's own
period); a rate's (a percentage, a figure per lakh) yearly target applies to each month as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q

from degs.directory.models import Area
from degs.indicators.choices import PeriodType
from degs.indicators.models import Indicator, Target
from degs.indicators.periods import Period

# (indicator id, area id, period type, period start) -> the target's value
TargetKey = tuple[int, int, str, object]


def fallbacks(period: Period) -> list[Period]:
    """The periods whose target a figure of ``period`` reads, in order: its own, then (a
    month) its quarter's, then its year's."""
    found = [period]
    if period.type == PeriodType.MONTH:
        found.append(Period.quarter_of(period.start))
    if period.type != PeriodType.YEAR:
        found.append(Period.year_of(period.start))
    return found


def targets_in(
    indicator_ids: Iterable[int], areas: Q, periods: Iterable[Period]
) -> dict[TargetKey, Decimal]:
    """Every target of the indicators, for the areas ``areas`` selects (a Q over ``area``),
    that a figure of one of ``periods`` may read; one query. Pick one with ``pick``."""
    wanted = {p for period in periods for p in fallbacks(period)}
    if not wanted:
        return {}
    in_periods = Q(pk__in=[])
    for p in wanted:
        in_periods |= Q(period_type=p.type, period_start=p.start)
    rows = Target.objects.filter(areas, in_periods, indicator_id__in=list(indicator_ids))
    return {
        (indicator_id, area_id, period_type, start): value
        for indicator_id, area_id, period_type, start, value in rows.values_list(
            "indicator_id", "area_id", "period_type", "period_start", "value"
        )
    }


def pick(
    found: dict[TargetKey, Decimal], indicator_id: int, area_id: int, period: Period
) -> Decimal | None:
    """The target a figure reads from ``found`` (``targets_in``): the first of its period's
    fallbacks the area has one for."""
    for p in fallbacks(period):
        value = found.get((indicator_id, area_id, p.type, p.start))
        if value is not None:
            return value
    return None


def target_for(indicator: Indicator, area: Area, period: Period) -> Decimal | None:
    """The area's target for the indicator in the period (its own, else its quarter's, else its
    year's); None when none is set. One query."""
    found = targets_in([indicator.pk], Q(area_id=area.pk), [period])
    return pick(found, indicator.pk, area.pk, period)
