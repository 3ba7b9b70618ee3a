"""Writes of the schedules part: maintenance that comes round (for one asset, or for every
asset of a category in an area), and the hourly sweep (``manage.py assets_sweep``) that opens
its tickets and tells the district when a ticket's clock runs out.

The sweep takes each active schedule whose ``next_due_on - lead_days`` has come, under the
schedule's row lock: it opens one "scheduled maintenance" ticket per asset for the latest due
day that has come (missed periods are not opened one by one: a schedule the sweep did not see
for a year opens one round, for its latest due day) and moves ``next_due_on`` past it. The
unique constraint ``ticket_once_per_schedule_due`` and the lock make a rerun, or two sweeps at
once, open nothing twice. Condemned and disposed assets get no tickets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.selectors import users_by_area_path
from degs.accounts.services import notice_send
from degs.assets import workflow
from degs.assets.choices import TicketKind, TicketStatus
from degs.assets.models import (
    OPEN_TICKET,
    Asset,
    Category,
    Priority,
    Schedule,
    Supplier,
    Ticket,
    TicketEvent,
)
from degs.assets.services.tickets import RETIRED, set_due_times, ticket_clock
from degs.core.bilingual import sentence
from degs.core.exceptions import StaleVersion
from degs.core.formatting import format_date
from degs.core.permissions import require_capability
from degs.core.scoping import district_path
from degs.core.text import clean_text
from degs.core.workflow import record_event, record_events
from degs.directory.clock import WorkingClock
from degs.directory.models import Area

MANAGE = workflow.MANAGE


def _check(
    *,
    title: str,
    area: Area | None,
    asset: Asset | None,
    category: Category | None,
    every_days: int | None,
    next_due_on: dt.date | None,
    lead_days: int | None,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if not title:
        errors["title"] = [_("Say what is done.")]
    if (asset is None) == (category is None):
        errors["category"] = [_("Choose one asset, or a category of equipment.")]
    if category is not None and area is None:
        errors["area"] = [_("Choose the area whose equipment it is for.")]
    if every_days is None or not 1 <= every_days <= 3660:
        errors["every_days"] = [_("Every 1 to 3,660 days.")]
    if next_due_on is None:
        errors["next_due_on"] = [_("Give the next due date.")]
    if lead_days is None or lead_days < 0 or (every_days and lead_days >= every_days):
        errors["lead_days"] = [_("Open the ticket fewer days before than the schedule's period.")]
    return errors


def schedule_save(
    *,
    actor: Any,
    title: str,
    priority: Priority,
    every_days: int,
    next_due_on: dt.date,
    lead_days: int = 7,
    asset: Asset | None = None,
    category: Category | None = None,
    area: Area | None = None,
    title_hi: str = "",
    vendor: Supplier | None = None,
    is_active: bool = True,
    schedule: Schedule | None = None,
    version: int | None = None,
) -> Schedule:
    """Make (``schedule=None``) or change a schedule: for one asset (its area is the asset's)
    or for every asset of ``category`` under ``area``. ``actor`` holds assets.manage there."""
    title = clean_text(title)
    if asset is not None:
        area = asset.area
    errors = _check(
        title=title,
        area=area,
        asset=asset,
        category=category,
        every_days=every_days,
        next_due_on=next_due_on,
        lead_days=lead_days,
    )
    if asset is not None and asset.status in RETIRED:
        errors["asset"] = [_("A condemned or disposed asset takes no tickets.")]
    if errors:
        raise ValidationError(errors)
    assert area is not None  # noqa: S101  (checked above)
    require_capability(actor, MANAGE, area)
    fields = {
        "title": title,
        "title_hi": clean_text(title_hi),
        "area": area,
        "asset": asset,
        "category": category,
        "every_days": every_days,
        "next_due_on": next_due_on,
        "lead_days": lead_days,
        "priority": priority,
        "vendor": vendor,
        "is_active": is_active,
    }
    with transaction.atomic():
        if schedule is None:
            return Schedule.objects.create(**fields)
        row = Schedule.objects.select_for_update().visible_to(actor).get(pk=schedule.pk)
        require_capability(actor, MANAGE, row.area)
        if version is not None and row.version != version:
            raise StaleVersion
        for name, value in fields.items():
            setattr(row, name, value)
        row.version += 1
        row.save()
        return row


# --- the sweep ---------------------------------------------------------------------------------


def latest_due(schedule: Schedule, today: dt.date) -> dt.date | None:
    """The latest due day of ``schedule`` whose ticket should be open by ``today`` (its lead
    days before it have come), or None when none has."""
    due = schedule.next_due_on
    lead = dt.timedelta(days=schedule.lead_days)
    step = dt.timedelta(days=schedule.every_days)
    if due - lead > today:
        return None
    missed = ((today + lead) - due).days // schedule.every_days
    return due + missed * step


def _assets_of(schedule: Schedule) -> list[Asset]:
    query = Asset.objects.exclude(status__in=RETIRED).select_related("area")
    if schedule.asset_id is not None:
        return list(query.filter(pk=schedule.asset_id))
    return list(
        query.filter(
            model__category_id=schedule.category_id, area__path__startswith=schedule.area.path
        ).order_by("pk")
    )


def schedule_run(schedule: Schedule, *, now: dt.datetime) -> int:
    """Open the tickets of one schedule if its day has come; returns how many were opened.
    Its own transaction, under the schedule's row lock."""
    today = timezone.localtime(now).date()
    with transaction.atomic():
        row = (
            Schedule.objects.select_for_update(of=("self",))
            .select_related("area", "priority")
            .get(pk=schedule.pk)
        )
        if not row.is_active:
            return 0
        due = latest_due(row, today)
        if due is None:
            return 0
        assets = _assets_of(row)
        have = set(
            Ticket.objects.filter(schedule=row, due_on=due).values_list("asset_id", flat=True)
        )
        clocks: dict[int, WorkingClock] = {}
        tickets = []
        for asset in assets:
            if asset.pk in have:
                continue
            if asset.area_id not in clocks:
                clocks[asset.area_id] = ticket_clock(asset.area, row.priority, now)
            ticket = Ticket(
                kind=TicketKind.MAINTENANCE,
                asset=asset,
                area=asset.area,
                title=row.title,
                priority=row.priority,
                status=TicketStatus.OPEN,
                opened_at=now,
                vendor_id=row.vendor_id,
                schedule=row,
                due_on=due,
            )
            set_due_times(ticket, clocks[asset.area_id])
            tickets.append(ticket)
        if tickets:
            Ticket.objects.bulk_create(tickets, ignore_conflicts=True)
            made = list(
                Ticket.objects.filter(
                    schedule=row, due_on=due, asset_id__in=[t.asset_id for t in tickets]
                ).values_list("pk", flat=True)
            )
            record_events(
                TicketEvent,
                [
                    {
                        "actor": None,
                        "action": "open",
                        "from_status": "",
                        "to_status": TicketStatus.OPEN,
                        "ticket_id": pk,
                        "data": {"schedule": row.pk, "due_on": due.isoformat()},
                    }
                    for pk in made
                ],
            )
        else:
            made = []
        row.next_due_on = due + dt.timedelta(days=row.every_days)
        row.save(update_fields=["next_due_on", "updated_at"])
    return len(made)


def schedules_sweep(*, now: dt.datetime | None = None) -> int:
    """Every active schedule whose day has come opens its tickets. Returns the tickets opened."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    # A schedule is due when next_due_on - lead_days <= today; lead days are at most a period,
    # so the query reads those due within the longest lead and checks each.
    candidates = Schedule.objects.filter(is_active=True).order_by("next_due_on", "pk")
    opened = 0
    for schedule in candidates.iterator():
        if latest_due(schedule, today) is not None:
            opened += schedule_run(schedule, now=now)
    return opened


# --- escalation ---------------------------------------------------------------------------------

OWN_LATE = _("Ticket no. %(number)s (%(title)s, %(place)s) was not taken on by %(due)s.")
RESOLVE_LATE = _("Ticket no. %(number)s (%(title)s, %(place)s) was not resolved by %(due)s.")


def _place(ticket: Ticket) -> str:
    if ticket.asset is not None:
        return ticket.asset.tag
    if ticket.link is not None:
        return ticket.link.circuit_id
    return ticket.office.name if ticket.office is not None else ""


def escalation_sweep(*, now: dt.datetime | None = None) -> int:
    """Tell the district's assets.manage holders, once per ticket and clock, about every open
    ticket past its own-by time (still open) or its resolve-by time. Returns notices made.

    Three queries find the tickets late and the clocks already told (the escalate events), the
    recipients of every district at once; then each ticket's event is written."""
    now = now or timezone.now()
    late = list(
        Ticket.objects.filter(status__in=OPEN_TICKET)
        .filter(Q(status=TicketStatus.OPEN, own_due_at__lte=now) | Q(resolve_due_at__lte=now))
        .select_related("area", "asset", "link", "office")
        .order_by("pk")
    )
    if not late:
        return 0
    told = {
        (ticket_id, data.get("clock"))
        for ticket_id, data in TicketEvent.objects.filter(
            ticket__in=late, action="escalate"
        ).values_list("ticket_id", "data")
    }
    due: list[tuple[Ticket, str]] = []
    for ticket in late:
        if (
            ticket.status == TicketStatus.OPEN
            and ticket.own_due_at
            and ticket.own_due_at <= now
            and (ticket.pk, "own") not in told
        ):
            due.append((ticket, "own"))
        resolve_late = ticket.resolve_due_at is not None and ticket.resolve_due_at <= now
        if resolve_late and (ticket.pk, "resolve") not in told:
            due.append((ticket, "resolve"))
    if not due:
        return 0
    people = users_by_area_path(
        capabilities=[MANAGE], paths={district_path(t.area.path) for t, _c in due}
    )
    sent = 0
    for ticket, clock in due:
        at = ticket.own_due_at if clock == "own" else ticket.resolve_due_at
        text = sentence(
            OWN_LATE if clock == "own" else RESOLVE_LATE,
            {
                "number": ticket.pk,
                "title": ticket.title,
                "place": _place(ticket),
                "due": format_date(at),
            },
        )
        recipients = people.get(district_path(ticket.area.path), [])
        with transaction.atomic():
            for user in recipients:
                sent += notice_send(
                    user=user,
                    key=f"assets.ticket.{ticket.pk}.{clock}",
                    text=text.en,
                    text_hi=text.hi,
                    url=ticket.get_absolute_url(),
                )
            record_event(
                TicketEvent,
                ticket,
                actor=None,
                action="escalate",
                from_status=ticket.status,
                to_status=ticket.status,
                remark=text,
                data={"clock": clock, "users": sorted(u.username for u in recipients)},
            )
    return sent


def sweep(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """The hourly sweep: schedules' tickets, then escalations. (tickets opened, notices)."""
    now = now or timezone.now()
    return schedules_sweep(now=now), escalation_sweep(now=now)
