"""Reads of the tickets part: the tickets a user sees, one ticket, its events and its two
clocks (working minutes used and left), the engineer's queue, the district technical
committee's pending technical cases, and what may be chosen on the open form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from degs.assets import workflow
from degs.assets.choices import AssetStatus, TicketKind, TicketStatus
from degs.assets.models import OPEN_TICKET, Asset, Priority, Supplier, Ticket, TicketEvent
from degs.connectivity.models import Link
from degs.core.permissions import capability_paths
from degs.core.scoping import minimal_paths, under_q
from degs.directory.clock import WorkingClock, clock_for, clock_span
from degs.directory.models import Area, Office

RETIRED = (AssetStatus.CONDEMNED, AssetStatus.DISPOSED)


def ticket_clock(
    area: Area, priority: Priority, start: dt.datetime, until: dt.datetime | None = None
) -> WorkingClock:
    """The priority's clock in ``area`` from ``start``: holidays are read far enough ahead for
    its resolve minutes (and up to ``until`` when given)."""
    begin = timezone.localtime(start).date()
    days = clock_span(max(priority.own_minutes, priority.resolve_minutes), priority)
    end = begin + dt.timedelta(days=days)
    if until is not None:
        end = max(end, timezone.localtime(until).date() + dt.timedelta(days=1))
    return clock_for(area, priority, begin - dt.timedelta(days=1), end)


def ticket_list(*, user: Any) -> QuerySet[Ticket]:
    """The tickets in the user's areas, newest first."""
    return Ticket.objects.visible_to(user).select_related(
        "asset__model", "link__provider", "office", "area", "priority", "owner", "vendor"
    )


def ticket_get(*, user: Any, pk: int) -> Ticket:
    """One ticket in the user's areas (404 outside them, as a missing one)."""
    return get_object_or_404(ticket_list(user=user).select_related("opened_by"), pk=pk)


def ticket_events(*, ticket: Ticket) -> QuerySet[TicketEvent]:
    return ticket.events.select_related("actor").order_by("-at", "-pk")


def overdue_q(now: dt.datetime) -> Q:
    """Open tickets past a clock: not taken on by the own-by time, or not resolved by the
    resolve-by time."""
    return Q(status__in=OPEN_TICKET) & (
        Q(status=TicketStatus.OPEN, own_due_at__lt=now) | Q(resolve_due_at__lt=now)
    )


def late_first(tickets: QuerySet[Ticket], now: dt.datetime) -> QuerySet[Ticket]:
    """Overdue first, then by the resolve-by time."""
    return tickets.annotate(
        late=Case(
            When(overdue_q(now), then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("late", "resolve_due_at", "pk")


def queue(*, user: Any, now: dt.datetime | None = None) -> QuerySet[Ticket]:
    """The engineer's queue: open tickets of the areas where ``user`` holds assets.service
    (or assets.manage), overdue first."""
    now = now or timezone.now()
    tickets = ticket_list(user=user).filter(status__in=OPEN_TICKET)
    paths = capability_paths(user, workflow.SERVICE)
    managed = capability_paths(user, workflow.MANAGE)
    if paths is not None and managed is not None:
        paths = minimal_paths([*paths, *managed])
        tickets = tickets.filter(under_q("area__path", paths)) if paths else tickets.none()
    return late_first(tickets, now)


def reported(*, user: Any) -> QuerySet[Ticket]:
    """The open tickets ``user`` opened."""
    return ticket_list(user=user).filter(status__in=OPEN_TICKET, opened_by=user)


def pending_cases(*, user: Any) -> QuerySet[Ticket]:
    """The district technical committee's pending technical cases: open, oldest first."""
    return (
        ticket_list(user=user)
        .filter(kind=TicketKind.TECHNICAL_CASE, status__in=OPEN_TICKET)
        .order_by("opened_at", "pk")
    )


@dataclass(frozen=True)
class ClockReading:
    """One of a ticket's clocks: working minutes allowed, used and left, its due time, and
    whether it ran out (still running past its due time, or stopped after it)."""

    minutes: int
    used: int
    left: int
    due_at: dt.datetime | None
    stopped_at: dt.datetime | None
    overdue: bool


def ticket_clocks(
    ticket: Ticket, *, now: dt.datetime | None = None
) -> tuple[ClockReading, ClockReading]:
    """The time-to-own and time-to-resolve clocks of ``ticket`` (stopped when owned, resolved,
    closed or cancelled)."""
    now = now or timezone.now()
    closed_at = None if ticket.is_open else ticket.updated_at
    own_stop = ticket.owned_at or (None if ticket.is_open else (ticket.resolved_at or closed_at))
    resolve_stop = ticket.resolved_at or closed_at
    clock = ticket_clock(ticket.area, ticket.priority, ticket.opened_at, now)

    def read(minutes: int, due: dt.datetime | None, stop: dt.datetime | None) -> ClockReading:
        until = stop or now
        used = clock.minutes_between(ticket.opened_at, until)
        late = due is not None and until > due
        return ClockReading(minutes, used, max(0, minutes - used), due, stop, late)

    return (
        read(ticket.priority.own_minutes, ticket.own_due_at, own_stop),
        read(ticket.priority.resolve_minutes, ticket.resolve_due_at, resolve_stop),
    )


# --- what the open form offers ---------------------------------------------------------------


def _where(rows: QuerySet[Any], user: Any, lookup: str) -> QuerySet[Any]:
    paths = capability_paths(user, workflow.REPORT, workflow.SERVICE, workflow.MANAGE)
    if paths is None:
        return rows
    return rows.filter(under_q(lookup, paths)) if paths else rows.none()


def openable_assets(*, user: Any) -> QuerySet[Asset]:
    return _where(
        Asset.objects.visible_to(user).exclude(status__in=RETIRED), user, "area__path"
    ).select_related("model")


def openable_links(*, user: Any) -> QuerySet[Link]:
    return _where(Link.objects.visible_to(user), user, "area__path").select_related("provider")


def openable_offices(*, user: Any) -> QuerySet[Office]:
    return _where(Office.objects.visible_to(user), user, "area__path").order_by("name")


def priorities() -> QuerySet[Priority]:
    return Priority.objects.order_by("rank")


def vendors() -> QuerySet[Supplier]:
    return Supplier.objects.filter(is_active=True).order_by("name")
