"""Reads of the sets of links, rooms and phones a directive can be about (``NetworkTarget``):
the list, one set, and each member's state with the reason it has not reached the goal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from degs.connectivity.choices import TargetWhat
from degs.connectivity.models import IpPhone, Link, NetworkTarget, VcRoom
from degs.connectivity.selectors.rooms import readiness, with_last_test


def target_list(*, user: Any) -> QuerySet[NetworkTarget]:
    """The sets the user sees (those of their areas), newest first."""
    return NetworkTarget.objects.visible_to(user).select_related("area")


def target_get(*, user: Any, pk: int) -> NetworkTarget:
    """One set in the user's scope (404 outside it, as for one that does not exist)."""
    return get_object_or_404(target_list(user=user), pk=pk)


@dataclass(frozen=True)
class MemberState:
    """One member of a set: whether it has reached the goal, its state in words and, when it
    has not, why."""

    obj: Any
    done: bool
    state: str
    why: str = ""


def _when(value: dt.datetime | None) -> str:
    return date_format(timezone.localtime(value), "d-m-Y") if value else ""


def member_rows(target: NetworkTarget) -> QuerySet[Any]:
    """The members in the order the set's page lists them, with what their row shows."""
    rows = target.members()
    if target.what == TargetWhat.LINKS:
        return rows.select_related("provider", "office", "area").order_by("area__path", "pk")
    if target.what == TargetWhat.ROOMS:
        return with_last_test(rows.select_related("office", "link")).order_by(
            "office__area__path", "name", "pk"
        )
    return rows.select_related("office", "post__designation", "post__area").order_by("extension")


def member_states(
    target: NetworkTarget, rows: Iterable[Any], *, now: dt.datetime | None = None
) -> list[MemberState]:
    """Each of ``rows`` (a page of ``member_rows``) with its state and why it is not done.
    Whether it is done is the goal's own rule (``NetworkTarget.done_members``); the reason
    says which of its conditions fail (for a room, ``selectors.rooms.readiness``)."""
    rows = list(rows)
    model = type(rows[0]) if rows else None
    done_ids: set[int] = set()
    if model is not None:
        done = target.done_members(model.objects.filter(pk__in=[r.pk for r in rows]))
        done_ids = set(done.values_list("pk", flat=True))
    now = now or timezone.now()
    explainers: dict[str, Callable[[Any, bool, dt.datetime], MemberState]] = {
        TargetWhat.LINKS: _link_state,
        TargetWhat.ROOMS: _room_state,
        TargetWhat.PHONES: _phone_state,
    }
    explain = explainers[target.what]
    return [explain(row, row.pk in done_ids, now) for row in rows]


def _link_state(link: Link, done: bool, now: dt.datetime) -> MemberState:
    state = str(link.get_status_display())
    if done:
        return MemberState(link, True, state)
    return MemberState(
        link,
        False,
        state,
        _("In this status since %(date)s.") % {"date": _when(link.status_since)},
    )


def _room_state(room: VcRoom, done: bool, now: dt.datetime) -> MemberState:
    if done:
        return MemberState(
            room,
            True,
            _("Ready for VC"),
            _("Last tested on %(date)s.") % {"date": _when(getattr(room, "last_at", None))},
        )
    reasons = readiness(room, now=now).reasons
    why = "; ".join(str(reason) for reason in reasons)
    return MemberState(room, False, _("Not ready for VC"), why[:1].upper() + why[1:] + ".")


def _phone_state(phone: IpPhone, done: bool, now: dt.datetime) -> MemberState:
    if done:
        return MemberState(phone, True, _("Working"))
    state = _("Not working")
    if phone.last_registered_at is None:
        why = _("Never registered.")
    elif not phone.is_registered:
        why = _("Not registered since %(date)s.") % {"date": _when(phone.last_registered_at)}
    else:
        why = _("Last registered on %(date)s, more than %(hours)s hours ago.") % {
            "date": _when(phone.last_registered_at),
            "hours": settings.DEGS_PHONE_SEEN_HOURS,
        }
    return MemberState(phone, False, state, why)


def target_areas(*, user: Any) -> QuerySet[Any]:
    """Where a new set can be drawn: the districts, subdivisions, blocks, tehsils and towns
    the user sees."""
    from degs.directory.choices import AreaKind
    from degs.directory.models import Area

    kinds = [
        AreaKind.STATE,
        AreaKind.DISTRICT,
        AreaKind.SUBDIVISION,
        AreaKind.BLOCK,
        AreaKind.TEHSIL,
        AreaKind.MUNICIPALITY,
    ]
    return Area.objects.visible_to(user).filter(kind__in=kinds, is_active=True).order_by("path")
