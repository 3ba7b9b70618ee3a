"""Keeping the maintained figures (``Figure``): what a dashboard reads instead of the base
tables.

A change to values queues its district, element and period (``values_changed``, in the
writer's transaction); the queue is worked off at once after the commit and by the worker's
sweep, and everything is rebuilt overnight (docs/indicators.md, "Summaries")."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from degs.indicators.models import FigureQueue
from degs.indicators.periods import Period

# (district id, element id, period)
Key = tuple[int, int, Period]


def values_changed(keys: Iterable[Key]) -> int:
    """Queue the figures that changed values feed: each district, element and period, and the
    longer periods each period is part of (a month's quarter and year). Call it inside the
    transaction that changes the values; returns how many keys were queued."""
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
    return len(rows)
