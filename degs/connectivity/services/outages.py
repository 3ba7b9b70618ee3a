"""Writes of the outages part: an outage opened (by an engineer, an office or the probe),
acknowledged by the provider, restored, cancelled as no outage, recovered by the probe, and
escalated to the provider's next level when a clock runs out.

Every status change goes through ``workflow.OUTAGES``; opening and closing move the link
through ``workflow.LINKS`` ("fail", "restore") as the system. The respond and restore due times
are set when the outage opens, on the SLA's clock (``directory.clock``); a link without an SLA
has none and is never escalated."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.services import notice_send
from degs.connectivity import workflow
from degs.connectivity.choices import (
    OUTAGE_OPEN,
    DetectedBy,
    LinkStatus,
    OutageCause,
    OutageStatus,
    Resolution,
)
from degs.connectivity.models import Link, Outage, OutageEvent, ProviderContact
from degs.connectivity.selectors.outages import officials_by_path
from degs.core.bilingual import sentence
from degs.core.formatting import format_date
from degs.core.permissions import require_capability
from degs.core.scoping import ancestor_paths, district_path
from degs.core.text import clean_paragraphs, clean_text
from degs.core.workflow import lock, record_change, record_event, transition
from degs.directory.clock import WorkingClock, clock_for, clock_span

REPORT = workflow.REPORT
MANAGE = workflow.MANAGE
# Provider contacts have levels 1 to 5: past the fifth nobody is left to tell.
TOP_LEVEL = 5

ALREADY_OPEN = _(
    "This link already has an open outage (no. %(number)s, down since %(since)s): "
    "update that one instead."
)
NOT_IN_SERVICE = _("Only a link in service can have an outage; this one is “%(status)s”.")


# How far back an outage may be recorded: the SLA report covers at most a quarter, and the
# clocks read a year of holidays at most.
OLDEST_DAYS = 366


def _aware(value: dt.datetime) -> dt.datetime:
    """A time given without its zone (an API caller's) is read as India's."""
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _moment(value: dt.datetime) -> str:
    return format_date(value)


def outage_clock(link: Link, start: dt.datetime, minutes: int = 0) -> WorkingClock | None:
    """The SLA clock of ``link`` from ``start`` for at least ``minutes`` working minutes (the
    holidays are read far enough ahead), or None when the link has no SLA."""
    sla = link.sla
    if sla is None:
        return None
    begin = timezone.localtime(start).date()
    days = clock_span(max(minutes, sla.respond_minutes, sla.restore_minutes), sla)
    return clock_for(link.area, sla, begin - dt.timedelta(days=1), begin + dt.timedelta(days=days))


def _already_open(open_one: Outage) -> ValidationError:
    return ValidationError(
        {"link": ALREADY_OPEN % {"number": open_one.pk, "since": _moment(open_one.started_at)}}
    )


def outage_open(
    *,
    actor: Any,
    link: Link,
    detected_by: str,
    started_at: dt.datetime | None = None,
    cause: str = OutageCause.UNKNOWN,
    description: str = "",
    provider_reference: str = "",
) -> Outage:
    """Open an outage on ``link`` and move the link down (the system's "fail").

    ``actor`` holds ``connectivity.report`` over the link's area; ``actor=None`` is the probe's
    sweep (``detected_by="probe"``). One open outage per link: a second is refused with a
    sentence naming the open one, also when two people open one at the same moment."""
    now = timezone.now()
    started = _aware(started_at) if started_at else now
    errors: dict[str, Any] = {}
    if actor is not None:
        require_capability(actor, REPORT, link.area)
        if detected_by not in (DetectedBy.ENGINEER, DetectedBy.OFFICE):
            errors["detected_by"] = [_("Choose who noticed it: the engineer or the office.")]
    elif detected_by not in DetectedBy.values:
        errors["detected_by"] = [_("Choose who noticed it: the engineer or the office.")]
    if cause not in OutageCause.values:
        errors["cause"] = [_("Choose a cause from the list.")]
    if started > now + dt.timedelta(minutes=1):
        errors["started_at"] = [_("An outage cannot start in the future.")]
    elif started < now - dt.timedelta(days=OLDEST_DAYS):
        errors["started_at"] = [_("An outage more than a year old cannot be recorded.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            # The link's row lock makes two people opening one at once take turns: the second
            # finds the first's outage.
            locked = lock(workflow.LINKS, link)
            open_one = Outage.objects.filter(link=locked, status__in=OUTAGE_OPEN).first()
            if open_one is not None:
                raise _already_open(open_one)
            if locked.status not in (LinkStatus.ACTIVE, LinkStatus.UNKNOWN):
                raise ValidationError(
                    {"link": NOT_IN_SERVICE % {"status": locked.get_status_display()}}
                )
            if locked.install_date and timezone.localtime(started).date() < locked.install_date:
                raise ValidationError(
                    {"started_at": _("The link was not installed yet at that time.")}
                )
            outage = Outage(
                link=locked,
                started_at=started,
                detected_by=detected_by,
                reported_by=actor,
                cause=cause,
                description=clean_paragraphs(description),
                provider_reference=clean_text(provider_reference),
                status=OutageStatus.OPEN,
            )
            sla = locked.sla
            clock = outage_clock(locked, started)
            if sla is not None and clock is not None:
                outage.respond_due_at = clock.add(started, sla.respond_minutes)
                outage.restore_due_at = clock.add(started, sla.restore_minutes)
            outage.full_clean(exclude=["link", "reported_by"], validate_constraints=False)
            outage.save()
            record_event(
                OutageEvent,
                outage,
                actor=actor,
                action="open",
                from_status="",
                to_status=OutageStatus.OPEN,
                remark=outage.description,
                data={"detected_by": detected_by, "cause": cause},
            )

            transition(
                workflow.LINKS,
                locked,
                "fail",
                actor=None,
                locked=locked,
                apply=workflow.status_since(started),
                data={"outage": outage.pk},
            )
    except IntegrityError:
        # The one-open-outage constraint caught a race the lock did not (another process
        # committed between our read and our insert).
        open_one = Outage.objects.filter(link=link, status__in=OUTAGE_OPEN).first()
        if open_one is None:
            raise
        raise _already_open(open_one) from None
    return outage


def _link_back(outage: Outage, at: dt.datetime) -> None:
    """Bring the outage's link back to active (the system's "restore"), if it is down."""
    link = lock(workflow.LINKS, outage.link)
    if link.status != LinkStatus.DOWN:
        return

    transition(
        workflow.LINKS,
        link,
        "restore",
        actor=None,
        locked=link,
        apply=workflow.status_since(at),
        data={"outage": outage.pk},
    )


def outage_acknowledge(
    *,
    actor: Any,
    outage: Outage,
    version: int | None = None,
    provider_reference: str = "",
    remark: str = "",
) -> Outage:
    """The provider took the complaint: the time-to-respond clock stops. Their docket number
    is optional."""
    reference = clean_text(provider_reference)
    if len(reference) > 60:
        raise ValidationError({"provider_reference": _("At most 60 characters.")})

    def apply(row: Outage, step: Any) -> list[str]:
        row.responded_at = timezone.now()
        fields = ["responded_at"]
        if reference:
            row.provider_reference = reference
            fields.append("provider_reference")
        return fields

    return transition(
        workflow.OUTAGES,
        outage,
        "acknowledge",
        actor=actor,
        version=version,
        remark=remark,
        apply=apply,
        data={"provider_reference": reference} if reference else None,
    )


def outage_restore(
    *,
    actor: Any,
    outage: Outage,
    resolution: str,
    remark: str,
    version: int | None = None,
    restored_at: dt.datetime | None = None,
) -> Outage:
    """The link works again: the time-to-restore clock stops at ``restored_at`` (now when not
    given; never before the outage started nor in the future) and the link is active again."""
    now = timezone.now()
    at = _aware(restored_at) if restored_at else now

    def validate(row: Outage, step: Any, written: Any) -> None:
        errors: dict[str, Any] = {}
        if resolution not in Resolution.values:
            errors["resolution"] = [_("Choose how it was restored.")]
        if at > now + dt.timedelta(minutes=1):
            errors["restored_at"] = [_("It cannot be restored in the future.")]
        elif at < row.started_at:
            errors["restored_at"] = [
                _("It cannot be restored before it went down (%(since)s).")
                % {"since": _moment(row.started_at)}
            ]
        if errors:
            raise ValidationError(errors)

    def apply(row: Outage, step: Any) -> list[str]:
        row.restored_at = at
        row.resolution = resolution
        return ["restored_at", "resolution"]

    with transaction.atomic():
        row = transition(
            workflow.OUTAGES,
            outage,
            "restore",
            actor=actor,
            version=version,
            remark=remark,
            validate=validate,
            apply=apply,
            data={"resolution": resolution, "restored_at": at.isoformat()},
        )
        _link_back(row, at)
    return row


def outage_cancel(*, actor: Any, outage: Outage, remark: str, version: int | None = None) -> Outage:
    """Not an outage after all (a wrong report, a planned shutdown): it does not count as
    downtime, and the link is active again. The district's managers only."""
    with transaction.atomic():
        row = transition(
            workflow.OUTAGES, outage, "cancel", actor=actor, version=version, remark=remark
        )
        _link_back(row, timezone.now())
    return row


def outage_recover(*, outage: Outage, at: dt.datetime) -> Outage:
    """The probe reports again: the system restores the outage at ``at`` (not before it
    started) with "came back by itself", and the link is active again."""

    at = _aware(at)

    def apply(row: Outage, step: Any) -> list[str]:
        row.restored_at = max(at, row.started_at)
        row.resolution = Resolution.RECOVERED
        return ["restored_at", "resolution"]

    with transaction.atomic():
        row = transition(
            workflow.OUTAGES,
            outage,
            "recover",
            actor=None,
            apply=apply,
            remark=sentence(_("The probe reports again.")),
            data={"restored_at": at.isoformat()},
        )
        _link_back(row, row.restored_at)
    return row


# --- escalation -----------------------------------------------------------------------------


def overdue_since(outage: Outage, now: dt.datetime) -> dt.datetime | None:
    """When the first clock still unmet ran out: the respond clock while not acknowledged,
    the restore clock while open; None when neither has run out."""
    ran_out = []
    if (
        outage.status == OutageStatus.OPEN
        and outage.respond_due_at is not None
        and outage.respond_due_at <= now
    ):
        ran_out.append(outage.respond_due_at)
    if outage.restore_due_at is not None and outage.restore_due_at <= now:
        ran_out.append(outage.restore_due_at)
    return min(ran_out) if ran_out else None


class _Clocks:
    """The SLA clocks one sweep reads, built once per link area, SLA and year (a year of the
    area's holidays and the days a clock started late in December may run into)."""

    def __init__(self) -> None:
        self.built: dict[tuple[int, int, int], WorkingClock] = {}

    def after(self, link: Link, start: dt.datetime, minutes: int) -> dt.datetime | None:
        sla = link.sla
        if sla is None:
            return None
        year = timezone.localtime(start).year
        key = (link.area_id, sla.pk, year)
        clock = self.built.get(key)
        if clock is None:
            days = clock_span(max(minutes, sla.respond_minutes, sla.restore_minutes), sla)
            clock = clock_for(
                link.area,
                sla,
                dt.date(year, 1, 1) - dt.timedelta(days=1),
                dt.date(year, 12, 31) + dt.timedelta(days=days),
            )
            self.built[key] = clock
        return clock.add(start, minutes)


def next_escalation_at(
    outage: Outage, now: dt.datetime, clocks: _Clocks | None = None
) -> dt.datetime | None:
    """When the next level is to be told: as soon as a clock runs out, then
    ``escalate_every_minutes`` working minutes after the last escalation (on the SLA's clock),
    never before a clock has run out; None when nobody is to be told yet."""
    sla = outage.link.sla
    since = overdue_since(outage, now)
    if sla is None or since is None or outage.escalation_level >= TOP_LEVEL:
        return None
    if outage.escalation_level == 0 or outage.escalated_at is None:
        return since
    due = (clocks or _Clocks()).after(outage.link, outage.escalated_at, sla.escalate_every_minutes)
    return None if due is None else max(since, due)


def _too_soon(outage: Outage, now: dt.datetime) -> bool:
    """Told less than ``escalate_every_minutes`` minutes ago: a working minute is never shorter
    than a minute, so the next level is not due yet whatever the calendar says (most open
    outages of a minute's sweep stop here, without a clock)."""
    sla = outage.link.sla
    return (
        sla is not None
        and outage.escalation_level > 0
        and outage.escalated_at is not None
        and outage.escalated_at + dt.timedelta(minutes=sla.escalate_every_minutes) > now
    )


def _paths(link: Link) -> list[str]:
    """The link's area and the areas above it up to its district: whose officials are told."""
    district = district_path(link.area.path)
    return [p for p in [*ancestor_paths(link.area.path), link.area.path] if len(p) >= len(district)]


class _Recipients:
    """Whom the escalations of one sweep tell, read once for all of them: the provider's
    contacts (every level, over the links' areas and those above them) and the district's
    network engineers and managers (``selectors.outages.officials_by_path``)."""

    def __init__(self, outages: list[Outage]) -> None:
        areas = {p for o in outages for p in [*ancestor_paths(o.link.area.path), o.link.area.path]}
        self.contacts: dict[tuple[int, int], list[ProviderContact]] = {}
        for contact in (
            ProviderContact.objects.filter(
                provider_id__in={o.link.provider_id for o in outages}, area__path__in=areas
            )
            .select_related("user", "area")
            .order_by("area__path", "name")
        ):
            self.contacts.setdefault((contact.provider_id, contact.level), []).append(contact)
        self.officials = officials_by_path({p for o in outages for p in _paths(o.link)})

    def of(self, link: Link, level: int) -> tuple[list[ProviderContact], list[Any]]:
        """The contacts of the link's provider at ``level`` over its area, and the officials
        over its area (sorted by id)."""
        areas = {*ancestor_paths(link.area.path), link.area.path}
        contacts = [
            c for c in self.contacts.get((link.provider_id, level), []) if c.area.path in areas
        ]
        people = {u.pk: u for p in _paths(link) for u in self.officials.get(p, [])}
        return contacts, [people[pk] for pk in sorted(people)]


def _escalate(outage_id: int, now: dt.datetime, clocks: _Clocks, recipients: _Recipients) -> int:
    """Tell the next level about one outage, under its row lock (the level is checked again
    there: another sweep may have told it meanwhile); the notices made."""
    with transaction.atomic():
        outage = lock(workflow.OUTAGES, Outage(pk=outage_id))
        if outage.status not in OUTAGE_OPEN:
            return 0
        due = next_escalation_at(outage, now, clocks)
        if due is None or due > now:
            return 0
        link = outage.link
        level = outage.escalation_level + 1
        respond_clock = outage.status == OutageStatus.OPEN and (
            outage.respond_due_at is not None and outage.respond_due_at <= now
        )
        restore_clock = outage.restore_due_at is not None and outage.restore_due_at <= now
        clock_name = (
            _("time to restore") if restore_clock or not respond_clock else _("time to respond")
        )
        contacts, officials = recipients.of(link, level)
        text = sentence(
            _(
                "Outage on link %(circuit)s at %(site)s, down since %(since)s: the %(clock)s "
                "has run out; escalated to the provider's level %(level)s."
            ),
            {
                "circuit": link.circuit_id,
                "site": lambda: link.site_label,
                "since": _moment(outage.started_at),
                "clock": clock_name,
                "level": level,
            },
        )
        key = f"outage:{outage.pk}:level:{level}"
        told = [c.user for c in contacts if c.user is not None and c.user.is_active]
        people = {u.pk: u for u in [*told, *officials]}
        sent = 0
        for user in people.values():
            sent += notice_send(
                user=user,
                key=key,
                text=text.en,
                text_hi=text.hi,
                url=outage.get_absolute_url(),
            )
        outage.escalation_level = level
        outage.escalated_at = now
        outage.save(update_fields=["escalation_level", "escalated_at", "updated_at"])
        record_change(
            workflow.OUTAGES,
            outage,
            actor=None,
            action="escalate",
            remark=text,
            data={
                "level": level,
                "contacts": [
                    {"name": c.name, "phone": c.phone, "email": c.email, "level": c.level}
                    for c in contacts
                ],
                "users": sorted(u.username for u in people.values()),
            },
        )
    return sent


def escalation_sweep(*, now: dt.datetime | None = None) -> int:
    """Tell the provider's next level and the district's engineers about every open outage
    whose clock has run out (and again every ``escalate_every_minutes``). Safe to run again
    and again: the level is checked under the row lock and each notice is made once per
    outage and level. Returns the notices sent.

    One query finds the open outages past a clock (the partial indexes on the due times), the
    recipients of all that are due are read at once, and each SLA clock is built once per
    link area and year; then each outage due is told in its own transaction, under its lock."""
    now = now or timezone.now()
    candidates = (
        Outage.objects.filter(status__in=OUTAGE_OPEN, link__sla__isnull=False)
        .filter(Q(status=OutageStatus.OPEN, respond_due_at__lte=now) | Q(restore_due_at__lte=now))
        .filter(escalation_level__lt=TOP_LEVEL)
        .select_related("link__sla", "link__area")
        .order_by("pk")
    )
    clocks = _Clocks()
    due = []
    for outage in candidates:
        if _too_soon(outage, now):
            continue
        at = next_escalation_at(outage, now, clocks)
        if at is not None and at <= now:
            due.append(outage)
    if not due:
        return 0
    recipients = _Recipients(due)
    return sum(_escalate(outage.pk, now, clocks, recipients) for outage in due)
