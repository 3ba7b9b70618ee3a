"""Directives counted as a programme figure (``core.figures``): those overdue at a period's
end, by the area of their lead post.

Overdue on a day D: awaiting its owner on D (open, in progress or reopened) and due before D
(``DirectiveQuerySet.overdue``). For a period not over, D is today and the status is the
directive's own; for a past period D is its last day and the status is the one its events had
then (the last event before D's end that set a status). The register lists the same directives
(``filters.DirectiveFilterSet``: ``area`` and ``overdue``/``overdue_on``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.figures import FigureSource, counted_by, list_address, stock_day
from degs.reviews.choices import AWAITING_OWNER
from degs.reviews.models import Directive, DirectiveEvent


def _day_end(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def overdue_on(directives: QuerySet[Directive], day: dt.date) -> QuerySet[Directive]:
    """The directives overdue on ``day``: today's status for today or later, else the status
    their events had at the end of that day."""
    if day >= timezone.localdate():
        return directives.overdue(on=day)  # type: ignore[attr-defined]
    then = (
        DirectiveEvent.objects.filter(directive=OuterRef("pk"), at__lt=_day_end(day))
        .exclude(to_status="")
        .order_by("-at", "-pk")
        .values("to_status")[:1]
    )
    return (
        directives.filter(due_date__lt=day)
        .annotate(status_then=Subquery(then))
        .filter(status_then__in=AWAITING_OWNER)
    )


def count_overdue(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    """One query: the district's directives (by their lead post's area) overdue at the end."""
    rows = overdue_on(
        Directive.objects.filter(lead_post__area__path__startswith=district.path),
        stock_day(last),
    )
    return counted_by(rows, "lead_post__area_id")


def rows_overdue(area: Any, first: dt.date, last: dt.date) -> str:
    query: dict[str, Any] = {"area": area.pk}
    if last < timezone.localdate():
        query["overdue_on"] = last.isoformat()
    else:
        query["overdue"] = "1"
    return list_address("reviews:register", query)


DIRECTIVES_OVERDUE = FigureSource(
    code="reviews.directives_overdue",
    label=_("Directives overdue"),
    count=count_overdue,
    over_time="last",
    rows=rows_overdue,
    description=_(
        "Directives awaiting their lead post at the period's end (today for a period not over) "
        "and due before that day, by the lead post's area."
    ),
)
