"""The applications counted as programme figures (``core.figures``): received, disposed,
disposed within the time limit, and pending beyond it at a period's end.

Each ``count`` is one GROUP BY over one district's applications, by the application's own area
(the panchayat or ward of its centre, ``ApplicationQuerySet.area_field``), read through the
district-first report indexes (``application_decided``, ``application_open_due``). Each ``rows``
is the application list (page, API and export share its filter set) filtered to the same
applications under the area (docs/indicators.md, "Counted figures").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.applications.models import Application
from degs.core.figures import FigureSource, counted_by, list_address, stock_day
from degs.directory.choices import AreaKind


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day``, local time (filing times are kept aware)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def received_q(first: dt.date, last: dt.date) -> Q:
    """Filed in the period. A filed application is open now or was decided on or after its
    filing: the two conditions before the dates let each partial report index serve its part."""
    return (Q(is_open=True) | Q(decided_on__gte=first)) & Q(
        submitted_at__gte=day_start(first), submitted_at__lt=day_start(last + dt.timedelta(1))
    )


def disposed_q(first: dt.date, last: dt.date) -> Q:
    """Decided (issued or rejected) in the period."""
    return Q(decided_on__gte=first, decided_on__lte=last)


def in_time_q() -> Q:
    """Decided on or before the due date (``services`` sets ``within_limit`` at the decision)."""
    return Q(within_limit=True)


def pending_q(day: dt.date) -> Q:
    """Filed by the end of ``day`` and not decided by it: open now, or decided after the day
    (each part reads one partial report index)."""
    return (Q(is_open=True) | Q(decided_on__gt=day)) & Q(
        submitted_at__lt=day_start(day + dt.timedelta(1))
    )


def pending_beyond_q(day: dt.date) -> Q:
    """Pending on ``day`` and due before it (the list's "past due" on that day: an application
    due on the day itself is not yet late)."""
    return pending_q(day) & Q(due_date__lt=day)


def _count(district: Any, condition: Q) -> dict[int, int]:
    return counted_by(Application.objects.filter(district=district).filter(condition), "area_id")


def count_received(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, received_q(first, last))


def count_disposed(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, disposed_q(first, last))


def count_disposed_in_time(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, disposed_q(first, last) & in_time_q())


def count_pending_beyond_limit(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, pending_beyond_q(stock_day(last)))


def area_query(area: Any) -> dict[str, Any]:
    """The list's filter for the applications under ``area``: its own ``district`` or ``block``
    filter (an application keeps both), else ``area`` (filed in the area or below it); none for
    a state, whose applications are all those the reader sees."""
    if area.kind == AreaKind.DISTRICT:
        return {"district": area.pk}
    if area.kind == AreaKind.BLOCK:
        return {"block": area.pk}
    if area.kind == AreaKind.STATE:
        return {}
    return {"area": area.pk}


def _list(query: dict[str, Any]) -> str:
    return list_address("applications:application_list", query)


def rows_received(area: Any, first: dt.date, last: dt.date) -> str:
    return _list(
        {**area_query(area), "filed_from": first.isoformat(), "filed_to": last.isoformat()}
    )


def rows_disposed(area: Any, first: dt.date, last: dt.date) -> str:
    return _list(
        {**area_query(area), "decided_from": first.isoformat(), "decided_to": last.isoformat()}
    )


def rows_disposed_in_time(area: Any, first: dt.date, last: dt.date) -> str:
    return _list(
        {
            **area_query(area),
            "decided_from": first.isoformat(),
            "decided_to": last.isoformat(),
            "in_time": "1",
        }
    )


def rows_pending_beyond_limit(area: Any, first: dt.date, last: dt.date) -> str:
    """Past due today (the list's own ``late``), or on a past period's last day."""
    query = {**area_query(area), "late": "1"}
    if last < timezone.localdate():
        query["pending_on"] = last.isoformat()
    return _list(query)


RECEIVED = FigureSource(
    code="applications.received",
    label=_("Applications received"),
    count=count_received,
    over_time="sum",
    rows=rows_received,
    description=_("Applications filed in the period, by the panchayat or ward of their centre."),
)
DISPOSED = FigureSource(
    code="applications.disposed",
    label=_("Applications disposed"),
    count=count_disposed,
    over_time="sum",
    rows=rows_disposed,
    description=_("Applications issued or rejected in the period."),
)
DISPOSED_IN_TIME = FigureSource(
    code="applications.disposed_in_time",
    label=_("Applications disposed within time"),
    count=count_disposed_in_time,
    over_time="sum",
    rows=rows_disposed_in_time,
    description=_("Applications issued or rejected in the period on or before their due date."),
)
PENDING_BEYOND_LIMIT = FigureSource(
    code="applications.pending_beyond_limit",
    label=_("Applications pending beyond the time limit"),
    count=count_pending_beyond_limit,
    over_time="last",
    rows=rows_pending_beyond_limit,
    description=_(
        "Applications filed and not decided by the period's last day (today for a period not "
        "over) whose due date was before that day."
    ),
)
