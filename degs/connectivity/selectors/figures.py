"""Links and outages counted as programme figures (``core.figures``): links in service and up
at a period's end, and outages then open past their restore-by clock.

The moment counted is the end of the period's last day, or now for a period not over. Now,
the link's and the outage's own status say it (``IN_SERVICE``, ``active``, ``OUTAGE_OPEN``);
at a past moment T the rows' dates do, as the uptime report reads them (``selectors.uptime``):

- in service at T: never planned or provisioning only; installed before T (its install day on
  or before the last day, else its first "active" event before T); not terminated by then
  (termination day after the last day) and not decommissioned before T;
- up at T: in service, with no outage (cancelled ones left out) started before T and not
  restored by T. Whether a probe was reporting at a past moment is not kept: a link "not
  reporting" then but without an outage counts as up;
- an outage past its restore clock at T: started before T, not cancelled, not restored by T,
  restore-by before T.

Each count is one GROUP BY over the district's links (by the link's area) or outages (by their
link's area); the lists take the same rules as filters (``in_service_on``, ``up_on``,
``past_restore_on``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import IN_SERVICE, OUTAGE_OPEN, LinkStatus, OutageStatus
from degs.connectivity.models import Link, LinkEvent, Outage
from degs.core.figures import FigureSource, counted_by, list_address, stock_day


def _moment(day: dt.date) -> dt.datetime | None:
    """The end of ``day``, or None for today or later (then the rows' status says it)."""
    if day >= timezone.localdate():
        return None
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _event_before(status: str, moment: dt.datetime) -> Exists:
    return Exists(LinkEvent.objects.filter(link=OuterRef("pk"), to_status=status, at__lt=moment))


def in_service_on(links: QuerySet[Link], day: dt.date) -> QuerySet[Link]:
    moment = _moment(day)
    if moment is None:
        return links.filter(status__in=IN_SERVICE)
    return (
        links.exclude(status__in=(LinkStatus.PLANNED, LinkStatus.PROVISIONING))
        .filter(
            Q(install_date__lte=day)
            | Q(install_date__isnull=True) & _event_before(LinkStatus.ACTIVE, moment)
        )
        .filter(Q(termination_date__isnull=True) | Q(termination_date__gt=day))
        .exclude(
            Q(status=LinkStatus.DECOMMISSIONED) & _event_before(LinkStatus.DECOMMISSIONED, moment)
        )
    )


def _open_at(moment: dt.datetime) -> Q:
    return Q(started_at__lt=moment) & (Q(restored_at__isnull=True) | Q(restored_at__gt=moment))


def up_on(links: QuerySet[Link], day: dt.date) -> QuerySet[Link]:
    moment = _moment(day)
    if moment is None:
        return links.filter(status=LinkStatus.ACTIVE)
    down = Outage.objects.filter(link=OuterRef("pk")).filter(_open_at(moment))
    return in_service_on(links, day).exclude(Exists(down.exclude(status=OutageStatus.CANCELLED)))


def past_restore_on(outages: QuerySet[Outage], day: dt.date) -> QuerySet[Outage]:
    moment = _moment(day)
    if moment is None:
        return outages.filter(status__in=OUTAGE_OPEN, restore_due_at__lt=timezone.now())
    return outages.filter(_open_at(moment), restore_due_at__lt=moment).exclude(
        status=OutageStatus.CANCELLED
    )


def count_links_active(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return counted_by(in_service_on(Link.objects.under(district.path), last), "area_id")


def count_links_up(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return counted_by(up_on(Link.objects.under(district.path), last), "area_id")


def count_outages_past_clock(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    outages = Outage.objects.under(district.path)
    return counted_by(past_restore_on(outages, last), "link__area_id")


def rows_links_active(area: Any, first: dt.date, last: dt.date) -> str:
    return list_address(
        "connectivity:link_list", {"area": area.pk, "in_service_on": stock_day(last).isoformat()}
    )


def rows_links_up(area: Any, first: dt.date, last: dt.date) -> str:
    return list_address(
        "connectivity:link_list", {"area": area.pk, "up_on": stock_day(last).isoformat()}
    )


def rows_outages_past_clock(area: Any, first: dt.date, last: dt.date) -> str:
    return list_address(
        "connectivity:outage_list",
        {"area": area.pk, "past_restore_on": stock_day(last).isoformat()},
    )


LINKS_ACTIVE = FigureSource(
    code="connectivity.links_active",
    label=_("Network links in service"),
    count=count_links_active,
    over_time="last",
    rows=rows_links_active,
    description=_("Links in service at the period's end (now for a period not over)."),
)
LINKS_UP = FigureSource(
    code="connectivity.links_up",
    label=_("Network links up"),
    count=count_links_up,
    over_time="last",
    rows=rows_links_up,
    description=_("Of those, the links with no outage open at that moment."),
)
OUTAGES_PAST_CLOCK = FigureSource(
    code="connectivity.outages_past_clock",
    label=_("Outages past their restore clock"),
    count=count_outages_past_clock,
    over_time="last",
    rows=rows_outages_past_clock,
    description=_("Outages open at the period's end whose restore-by time had passed."),
)
