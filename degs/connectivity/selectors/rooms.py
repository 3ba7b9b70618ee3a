"""Reads of video-conference rooms and their tests, and the one rule of "ready for VC": an
active room whose link is active and whose last test, within ``DEGS_VC_TEST_VALID_DAYS``
days, passed audio, video and content sharing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link, VcRoom, VcTest
from degs.directory.models import Office


def _since(now: dt.datetime | None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.DEGS_VC_TEST_VALID_DAYS)


def with_last_test(qs: QuerySet[VcRoom]) -> QuerySet[VcRoom]:
    """Rooms with their last test's time and results (``last_at``, ``last_audio``,
    ``last_video``, ``last_sharing``; None when never tested)."""
    last = VcTest.objects.filter(room=OuterRef("pk")).order_by("-at", "-pk")
    return qs.annotate(
        last_at=Subquery(last.values("at")[:1]),
        last_audio=Subquery(last.values("audio_ok")[:1]),
        last_video=Subquery(last.values("video_ok")[:1]),
        last_sharing=Subquery(last.values("sharing_ok")[:1]),
    )


def ready_rooms(qs: QuerySet[VcRoom], *, now: dt.datetime | None = None) -> QuerySet[VcRoom]:
    """The rooms of ``qs`` ready for VC (the module's rule), as of ``now``."""
    return with_last_test(qs).filter(
        Q(last_at__gte=_since(now), last_audio=True, last_video=True, last_sharing=True),
        is_active=True,
        link__status=LinkStatus.ACTIVE,
    )


def not_ready_rooms(qs: QuerySet[VcRoom], *, now: dt.datetime | None = None) -> QuerySet[VcRoom]:
    """The rooms of ``qs`` not ready for VC."""
    return qs.exclude(pk__in=ready_rooms(VcRoom.objects.all(), now=now).values("pk"))


def room_is_ready(room: VcRoom, *, now: dt.datetime | None = None) -> bool:
    """Whether one room is ready for VC (the module's rule)."""
    return ready_rooms(VcRoom.objects.filter(pk=room.pk), now=now).exists()


@dataclass
class Readiness:
    """A room's "ready for VC", with the reasons when it is not."""

    ready: bool
    reasons: list[Any] = field(default_factory=list)


def readiness(room: VcRoom, *, now: dt.datetime | None = None) -> Readiness:
    """Why a room is or is not ready, from a room read through ``with_last_test`` (the list and
    the detail read it so); the same rule as ``ready_rooms``."""
    since = _since(now)
    reasons: list[Any] = []
    if not room.is_active:
        reasons.append(_("the room is not in use"))
    link = room.link
    if link is None:
        reasons.append(_("no link is chosen for the room"))
    elif link.status != LinkStatus.ACTIVE:
        reasons.append(_("its link is %(status)s") % {"status": link.get_status_display().lower()})
    last_at = getattr(room, "last_at", None)
    if last_at is None:
        reasons.append(_("no test yet"))
    else:
        if last_at < since:
            reasons.append(
                _("no test in %(days)s days") % {"days": settings.DEGS_VC_TEST_VALID_DAYS}
            )
        failed = [
            label
            for ok, label in (
                (getattr(room, "last_audio", None), _("audio")),
                (getattr(room, "last_video", None), _("video")),
                (getattr(room, "last_sharing", None), _("content sharing")),
            )
            if not ok
        ]
        if failed:
            reasons.append(
                _("the last test failed: %(what)s") % {"what": ", ".join(str(f) for f in failed)}
            )
    return Readiness(ready=not reasons, reasons=reasons)


def room_list(*, user: Any) -> QuerySet[VcRoom]:
    """The rooms of the offices the user sees, with their link and last test."""
    return with_last_test(
        VcRoom.objects.visible_to(user).select_related("office__area", "link__provider")
    ).order_by("office__area__path", "office__name", "name", "pk")


def room_get(*, user: Any, pk: int) -> VcRoom:
    """One room the user sees (404 otherwise), with its last test."""
    return get_object_or_404(room_list(user=user), pk=pk)


def room_tests(*, room: VcRoom) -> QuerySet[VcTest]:
    """A room's tests, newest first."""
    return room.tests.select_related("tested_by").order_by("-at", "-pk")


def room_offices(*, user: Any) -> QuerySet[Office]:
    """The offices a room may be set up in: active offices the user sees."""
    return Office.objects.visible_to(user).filter(is_active=True).select_related("area")


def office_links(*, office: Office) -> QuerySet[Link]:
    """The links a room of ``office`` may use: the office's links still in use."""
    return (
        Link.objects.filter(office=office)
        .exclude(status=LinkStatus.DECOMMISSIONED)
        .select_related("provider")
    )


def rooms_links(*, user: Any) -> QuerySet[Link]:
    """Links of offices the user sees (for a room form's choices)."""
    return (
        Link.objects.visible_to(user)
        .filter(office__isnull=False)
        .exclude(status=LinkStatus.DECOMMISSIONED)
        .select_related("provider", "office")
    )


def ready_count(qs: QuerySet[VcRoom], *, now: dt.datetime | None = None) -> int:
    """How many rooms of ``qs`` are ready."""
    return ready_rooms(qs, now=now).count()
