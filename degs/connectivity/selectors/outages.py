"""Reads of the outages part: outages in the user's areas, one outage with its clocks in words,
and the links a user may report an outage on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from degs.connectivity import workflow
from degs.connectivity.choices import OUTAGE_OPEN, LinkStatus, OutageStatus
from degs.connectivity.models import Link, Outage, OutageEvent
from degs.core.permissions import capability_paths
from degs.core.scoping import under_q


def outage_list(*, user: Any) -> QuerySet[Outage]:
    """The outages of the links in the user's areas, newest first."""
    return Outage.objects.visible_to(user).select_related(
        "link__provider", "link__area", "link__office", "link__sla", "reported_by"
    )


def outage_get(*, user: Any, pk: int) -> Outage:
    """One outage in the user's areas (404 outside them, as a missing one)."""
    return get_object_or_404(outage_list(user=user), pk=pk)


def outage_events(*, outage: Outage) -> QuerySet[OutageEvent]:
    return outage.events.select_related("actor").order_by("-at", "-pk")


def overdue_q(now: dt.datetime) -> Q:
    """Outages past a clock: open ones whose respond (not acknowledged) or restore clock has
    run out, closed ones acknowledged or restored after their due time."""
    open_late = Q(status__in=OUTAGE_OPEN) & (
        Q(status=OutageStatus.OPEN, respond_due_at__lt=now) | Q(restore_due_at__lt=now)
    )
    closed_late = Q(status=OutageStatus.RESTORED) & (
        Q(restored_at__gt=F("restore_due_at")) | Q(responded_at__gt=F("respond_due_at"))
    )
    return open_late | closed_late


def reportable_links(*, user: Any) -> QuerySet[Link]:
    """The links in service that ``user`` may report an outage on: those in the areas where
    they hold ``connectivity.report``."""
    links = Link.objects.visible_to(user).filter(status__in=(LinkStatus.ACTIVE, LinkStatus.UNKNOWN))
    paths = capability_paths(user, workflow.REPORT)
    if paths is not None:
        links = links.filter(under_q("area__path", paths)) if paths else links.none()
    return links.select_related("provider", "area", "office").order_by("area__path", "circuit_id")


def duration_words(seconds: float) -> str:
    """ "3 h 20 min", "2 d 4 h", "12 min": how long, in the reader's language."""
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return gettext("%(d)s d %(h)s h") % {"d": days, "h": hours}
    if hours:
        return gettext("%(h)s h %(m)s min") % {"h": hours, "m": mins}
    return gettext("%(m)s min") % {"m": mins}


@dataclass(frozen=True)
class ClockState:
    """One clock of an outage as a page shows it."""

    due: dt.datetime | None
    stopped: dt.datetime | None  # when it was met or missed: acknowledged, restored
    met: bool | None  # None: still running, or no clock
    overdue: bool  # still running and past due


@dataclass(frozen=True)
class OutageTimes:
    down_for: str
    still_down: bool
    respond: ClockState
    restore: ClockState


def _clock(due: dt.datetime | None, stopped: dt.datetime | None, now: dt.datetime) -> ClockState:
    if due is None:
        return ClockState(None, stopped, None, False)
    if stopped is not None:
        return ClockState(due, stopped, stopped <= due, False)
    return ClockState(due, None, None, now > due)


def outage_times(outage: Outage, now: dt.datetime | None = None) -> OutageTimes:
    """How long the link was (or is) down and the state of its two clocks. The respond clock
    stops when the provider acknowledges, or when the link is restored first; a cancelled
    outage stops both."""
    now = now or timezone.now()
    still = outage.is_open
    end = outage.restored_at or (now if still else outage.updated_at)
    respond_stop = outage.responded_at or outage.restored_at
    restore_stop = outage.restored_at
    if outage.status == OutageStatus.CANCELLED:
        respond_stop = respond_stop or outage.updated_at
        restore_stop = outage.updated_at
    return OutageTimes(
        down_for=duration_words(max(0.0, (end - outage.started_at).total_seconds())),
        still_down=still,
        respond=_clock(outage.respond_due_at, respond_stop, now),
        restore=_clock(outage.restore_due_at, restore_stop, now),
    )


def officials_by_path(paths: Iterable[str]) -> dict[str, list[Any]]:
    """The active users holding, at each of ``paths``, a role (granted, or through a post they
    hold today) that carries ``connectivity.manage`` or ``connectivity.report``: whom an
    escalation tells (``accounts.selectors.users_by_area_path``: three queries for all the
    paths of a sweep)."""
    from degs.accounts.selectors import users_by_area_path

    return dict(users_by_area_path(capabilities=[workflow.MANAGE, workflow.REPORT], paths=paths))
