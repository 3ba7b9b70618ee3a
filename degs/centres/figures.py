"""Centres and inspections counted as programme figures (``core.figures``): centres active at
a period's end, inspections done in it, and the inspections the quotas ask for in it.

- active: for a period not over, the centre's own status now; at a past period's last day D,
  the status its events gave it with effect on or before D (the latest status event by
  "with effect from", then time recorded). By the centre's area.
- inspections done: the visits recorded with a visit day in the period (each visit counts, a
  centre visited twice counts twice), by the centre's area.
- inspections due: each active quota's count once for every one of its periods (week, month,
  quarter: ``choices.period_bounds``) whose last day falls in the period, so that months add up
  to their quarter and year; by the quota's area (its own, else its post's). Quotas are read
  as they stand now (a quota changed since is counted as it is).

Each count is one GROUP BY over the district's rows. The centre list and the inspections page
take the same rules as filters (``filters``: ``status``/``active_on``, ``area``,
``visited_from``/``visited_to``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.centres.choices import CentreStatus, period_bounds
from degs.centres.models import Centre, CentreEvent, Inspection, InspectionQuota
from degs.core.figures import FigureSource, counted_by, list_address


def active_on(centres: QuerySet[Centre], day: dt.date) -> QuerySet[Centre]:
    """The centres active on ``day``: their status now for today or later, else the status in
    effect on that day by their events."""
    if day >= timezone.localdate():
        return centres.filter(status=CentreStatus.ACTIVE)
    then = (
        CentreEvent.objects.filter(
            centre=OuterRef("pk"),
            to_status__in=CentreStatus.values,
            effective_on__lte=day,
        )
        .order_by("-effective_on", "-at", "-pk")
        .values("to_status")[:1]
    )
    return centres.annotate(status_then=Subquery(then)).filter(status_then=CentreStatus.ACTIVE)


def count_active(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return counted_by(active_on(Centre.objects.under(district.path), last), "area_id")


def count_inspections_done(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    rows = Inspection.objects.under(district.path).filter(
        visited_on__gte=first, visited_on__lte=last
    )
    return counted_by(rows, "centre__area_id")


def periods_ending(period: str, first: dt.date, last: dt.date) -> int:
    """How many of the quota periods of kind ``period`` end on a day from ``first`` to
    ``last``."""
    found, day = 0, first
    while day <= last:
        _start, end = period_bounds(period, day)
        if end <= last:
            found += 1
        day = end + dt.timedelta(days=1)
    return found


def count_inspections_due(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    path = district.path
    quotas = (
        InspectionQuota.objects.filter(is_active=True)
        .filter(
            Q(area__path__startswith=path) | Q(area__isnull=True, post__area__path__startswith=path)
        )
        .annotate(scope=Coalesce("area_id", "post__area_id"))
        .values("scope", "period")
        .annotate(n=Sum("count"))
        .order_by()
    )
    due: dict[int, int] = defaultdict(int)
    for row in quotas:
        times = periods_ending(row["period"], first, last)
        if times:
            due[row["scope"]] += row["n"] * times
    return dict(due)


def rows_active(area: Any, first: dt.date, last: dt.date) -> str:
    query: dict[str, Any] = {"area": area.pk}
    if last < timezone.localdate():
        query["active_on"] = last.isoformat()
    else:
        query["status"] = CentreStatus.ACTIVE
    return list_address("centres:centre_list", query)


def rows_inspections_done(area: Any, first: dt.date, last: dt.date) -> str:
    query = {"area": area.pk, "visited_from": first.isoformat(), "visited_to": last.isoformat()}
    return list_address("centres:inspections", query)


ACTIVE = FigureSource(
    code="centres.active",
    label=_("Service centres active"),
    count=count_active,
    over_time="last",
    rows=rows_active,
    description=_("Centres active at the period's end (now for a period not over)."),
)
INSPECTIONS_DONE = FigureSource(
    code="centres.inspections_done",
    label=_("Inspections done"),
    count=count_inspections_done,
    over_time="sum",
    rows=rows_inspections_done,
    description=_("Inspection visits made in the period, by the centre's area."),
)
INSPECTIONS_DUE = FigureSource(
    code="centres.inspections_due",
    label=_("Inspections due by quota"),
    count=count_inspections_due,
    over_time="sum",
    description=_(
        "The inspections the active quotas ask for: each quota's count for every one of its "
        "weeks, months or quarters ending in the period, by the quota's area."
    ),
)
