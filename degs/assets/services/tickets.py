"""Writes of the tickets part: a ticket opened against an asset, a network link or an office,
taken on by an engineer, resolved (what was done, the vendor, the cost), reopened, closed or
cancelled; and the escalation notice when a ticket's clock runs out.

Every status change goes through ``workflow.TICKETS`` with the version check. The own-by and
resolve-by times are set when the ticket opens, on its priority's clock (``directory.clock``:
working hours of the area's working days, or round the clock). A ticket about an asset opened
with "send for repair" moves the asset to under repair through ``workflow.ASSETS``; resolving
it may bring the asset back into use the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets import workflow
from degs.assets.choices import AssetStatus, TicketKind, TicketStatus
from degs.assets.models import Asset, Priority, Schedule, Supplier, Ticket, TicketEvent
from degs.assets.selectors.tickets import RETIRED, ticket_clock
from degs.connectivity.models import Link
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from degs.core.permissions import user_can
from degs.core.scoping import jurisdiction_of
from degs.core.text import clean_paragraphs, clean_text
from degs.core.workflow import record_event, transition
from degs.directory.clock import WorkingClock
from degs.directory.models import Area, Office

__all__ = ["RETIRED", "ticket_clock"]

# How far back a ticket may be recorded as opened.
OLDEST_DAYS = 366
# The most one repair may cost: ₹1 crore (a typing slip guard), in paise.
MOST_PAISE = 1_00_00_000 * 100


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def set_due_times(ticket: Ticket, clock: WorkingClock | None = None) -> None:
    """The own-by and resolve-by times of ``ticket`` from its opening on its priority's clock."""
    clock = clock or ticket_clock(ticket.area, ticket.priority, ticket.opened_at)
    ticket.own_due_at = clock.add(ticket.opened_at, ticket.priority.own_minutes)
    ticket.resolve_due_at = clock.add(ticket.opened_at, ticket.priority.resolve_minutes)


def _subject_area(
    asset: Asset | None, link: Link | None, office: Office | None
) -> tuple[Area, Office | None]:
    """The area a ticket belongs to: its asset's, its link's or its office's."""
    if asset is not None:
        return asset.area, asset.office
    if link is not None:
        return link.area, link.office
    if office is None:
        raise ValueError("a ticket is about an asset, a link or an office")
    return office.area, office


def _may_open(actor: Any, area: Area) -> bool:
    return any(
        user_can(actor, capability, area)
        for capability in (workflow.REPORT, workflow.SERVICE, workflow.MANAGE)
    )


def ticket_open(
    *,
    actor: Any,
    title: str,
    priority: Priority,
    asset: Asset | None = None,
    link: Link | None = None,
    office: Office | None = None,
    kind: str = TicketKind.FAULT,
    description: str = "",
    vendor: Supplier | None = None,
    schedule: Schedule | None = None,
    due_on: dt.date | None = None,
    opened_at: dt.datetime | None = None,
    send_for_repair: bool = False,
) -> Ticket:
    """Open a ticket about exactly one of ``asset``, ``link``, ``office``.

    ``actor`` holds assets.report, assets.service or assets.manage over its area (``None``: the
    system, the maintenance sweep). ``send_for_repair`` (an asset only) moves the asset to
    under repair as the actor, if the actor's part allows it."""
    now = timezone.now()
    opened = _aware(opened_at) if opened_at else now
    errors: dict[str, Any] = {}
    about = [row for row in (asset, link, office) if row is not None]
    if len(about) != 1:
        errors["office"] = [_("Choose what the ticket is about: an asset, a link or an office.")]
        raise ValidationError(errors)
    area, _office = _subject_area(asset, link, office)
    if actor is not None:
        if not jurisdiction_of(actor).covers(area.path):
            raise OutOfJurisdiction
        if not _may_open(actor, area):
            raise PermissionDenied
    title = clean_text(title)
    if not title:
        errors["title"] = [_("Say what is wrong.")]
    elif len(title) > 200:
        errors["title"] = [_("At most 200 characters.")]
    if kind not in TicketKind.values:
        errors["kind"] = [_("Choose a kind from the list.")]
    if priority is None:
        errors["priority"] = [_("Choose a priority.")]
    if opened > now + dt.timedelta(minutes=1):
        errors["opened_at"] = [_("A ticket cannot be opened in the future.")]
    elif opened < now - dt.timedelta(days=OLDEST_DAYS):
        errors["opened_at"] = [_("A ticket more than a year old cannot be recorded.")]
    if asset is not None and asset.status in RETIRED:
        errors["asset"] = [_("A condemned or disposed asset takes no tickets.")]
    if send_for_repair and asset is None:
        errors["send_for_repair"] = [_("Only an asset can be sent for repair.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ticket = Ticket(
            kind=kind,
            asset=asset,
            link=link,
            office=office,
            area=area,
            title=title,
            description=clean_paragraphs(description),
            priority=priority,
            status=TicketStatus.OPEN,
            opened_at=opened,
            opened_by=actor,
            vendor=vendor,
            schedule=schedule,
            due_on=due_on,
        )
        set_due_times(ticket)
        ticket.save()
        record_event(
            TicketEvent,
            ticket,
            actor=actor,
            action="open",
            from_status="",
            to_status=TicketStatus.OPEN,
            remark=ticket.description,
            data={"kind": kind, "priority": priority.code},
        )
        if send_for_repair and asset is not None:
            _asset_step(actor, asset, "repair", ticket)
    return ticket


def _asset_step(actor: Any, asset: Asset, action: str, ticket: Ticket) -> None:
    """Move ``asset`` through ``workflow.ASSETS`` for ``ticket`` (refused as the workflow says:
    a part the actor does not play is "not allowed")."""
    transition(workflow.ASSETS, asset, action, actor=actor, data={"ticket": ticket.pk})


def ticket_own(*, actor: Any, ticket: Ticket, version: int | None = None) -> Ticket:
    """Take the ticket on: the actor owns it and the time-to-own clock stops."""

    def apply(row: Ticket, step: Any) -> list[str]:
        row.owner = actor
        row.owned_at = timezone.now()
        return ["owner", "owned_at"]

    return transition(workflow.TICKETS, ticket, "own", actor=actor, version=version, apply=apply)


def ticket_resolve(
    *,
    actor: Any,
    ticket: Ticket,
    resolution: str,
    version: int | None = None,
    vendor: Supplier | None = None,
    cost_paise: int | None = None,
    back_in_use: bool = False,
    resolved_at: dt.datetime | None = None,
) -> Ticket:
    """The repair is done: what was done (required), the vendor and the cost. The time-to-
    resolve clock stops at ``resolved_at`` (now when not given). ``back_in_use``: an asset under
    repair goes back into use ("repaired")."""
    now = timezone.now()
    at = _aware(resolved_at) if resolved_at else now

    def validate(row: Ticket, step: Any, written: Any) -> None:
        errors: dict[str, Any] = {}
        if cost_paise is not None and not 0 <= cost_paise <= MOST_PAISE:
            errors["cost"] = [_("The cost must be between ₹0 and ₹1,00,00,000.")]
        if at > now + dt.timedelta(minutes=1):
            errors["resolved_at"] = [_("It cannot be resolved in the future.")]
        elif at < row.opened_at:
            errors["resolved_at"] = [_("It cannot be resolved before it was opened.")]
        if errors:
            raise ValidationError(errors)

    def apply(row: Ticket, step: Any) -> list[str]:
        row.resolution = clean_paragraphs(resolution)
        row.resolved_at = at
        fields = ["resolution", "resolved_at"]
        if vendor is not None:
            row.vendor = vendor
            fields.append("vendor")
        if cost_paise is not None:
            row.cost_paise = cost_paise
            fields.append("cost_paise")
        if row.owner_id is None:
            row.owner = actor
            row.owned_at = at
            fields += ["owner", "owned_at"]
        return fields

    with transaction.atomic():
        row = transition(
            workflow.TICKETS,
            ticket,
            "resolve",
            actor=actor,
            version=version,
            remark=resolution,
            validate=validate,
            apply=apply,
            data={"cost_paise": cost_paise} if cost_paise is not None else None,
        )
        if back_in_use and row.asset_id is not None:
            asset = Asset.objects.get(pk=row.asset_id)
            if asset.status == AssetStatus.UNDER_REPAIR:
                _asset_step(actor, asset, "repaired", row)
    return row


def ticket_step(
    *, actor: Any, ticket: Ticket, action: str, remark: str = "", version: int | None = None
) -> Ticket:
    """Reopen (not resolved after all: the clock of resolving runs again from its old due
    time), close or cancel a ticket."""

    def apply(row: Ticket, step: Any) -> list[str]:
        if action == "reopen":
            row.resolved_at = None
            return ["resolved_at"]
        return []

    return transition(
        workflow.TICKETS,
        ticket,
        action,
        actor=actor,
        version=version,
        remark=remark,
        apply=apply,
    )


def ticket_act(
    *, actor: Any, ticket: Ticket, action: str, version: int | None = None, **fields: Any
) -> Ticket:
    """One step by name (the pages' buttons and the API's act)."""
    if action == "own":
        return ticket_own(actor=actor, ticket=ticket, version=version)
    if action == "resolve":
        return ticket_resolve(actor=actor, ticket=ticket, version=version, **fields)
    return ticket_step(
        actor=actor,
        ticket=ticket,
        action=action,
        remark=fields.get("remark", ""),
        version=version,
    )
