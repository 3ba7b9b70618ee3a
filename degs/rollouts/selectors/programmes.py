"""Reads of the programmes part: the programmes a user sees (those of their areas, and those
with a target in their areas: a block officer sees the district's programme through the
targets in their block), one programme, its milestones, targets and events, one target."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from degs.core.permissions import user_can
from degs.core.scoping import under_q
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office
from degs.rollouts.models import (
    Milestone,
    Programme,
    ProgrammeEvent,
    Target,
    TargetEvent,
    TargetQuerySet,
)

VIEW = "rollouts.view"
MANAGE = "rollouts.manage"


def programme_list(*, user: Any) -> QuerySet[Programme]:
    """Programmes of the user's areas, or with a target there."""
    own = Programme.objects.visible_to(user).values("pk")
    through = Target.objects.visible_to(user).values("programme_id")
    return Programme.objects.filter(Q(pk__in=own) | Q(pk__in=through)).select_related("area")


def programme_get(*, user: Any, pk: Any) -> Programme:
    """One programme the user sees (404 otherwise)."""
    row = programme_list(user=user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def sees_whole(user: Any, programme: Programme) -> bool:
    """Whether the user sees the programme's whole set (its area is theirs)."""
    return Programme.objects.visible_to(user).filter(pk=programme.pk).exists()


def targets_of(*, user: Any, programme: Programme) -> TargetQuerySet:
    """The programme's targets the user sees, with their places."""
    return (
        Target.objects.visible_to(user)
        .filter(programme=programme)
        .select_related("office", "area", "programme")
    )


def target_get(*, user: Any, pk: Any) -> Target:
    row = (
        Target.objects.visible_to(user)
        .select_related("office", "area", "programme", "programme__area")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404
    return row


def target_steps(target: Target) -> list[Any]:
    return list(
        target.steps.select_related("milestone", "submitted_by", "verified_by").order_by(
            "milestone__order"
        )
    )


def target_events(target: Target) -> QuerySet[TargetEvent]:
    return target.events.select_related("actor").order_by("-at", "-pk")


def milestones_of(programme: Programme) -> QuerySet[Milestone]:
    return programme.milestones.order_by("order")


def programme_events(programme: Programme) -> QuerySet[ProgrammeEvent]:
    return programme.events.select_related("actor").order_by("-at", "-pk")


def programme_areas(*, user: Any) -> QuerySet[Area]:
    """Districts and states where the user may draw up programmes."""
    rows = Area.objects.visible_to(user).filter(kind__in=[AreaKind.DISTRICT, AreaKind.STATE])
    return rows.filter(pk__in=[a.pk for a in rows if user_can(user, MANAGE, a)])


def filter_areas(*, user: Any) -> QuerySet[Area]:
    """Areas for the list's "where" filter: districts and states the user sees."""
    return Area.objects.visible_to(user).filter(kind__in=[AreaKind.DISTRICT, AreaKind.STATE])


def target_filter_areas(programme: Programme) -> QuerySet[Area]:
    """Areas under the programme's area a target filter may start from (down to blocks)."""
    return Area.objects.filter(
        under_q("path", [programme.area.path]),
        kind__in=[
            AreaKind.STATE,
            AreaKind.DISTRICT,
            AreaKind.SUBDIVISION,
            AreaKind.BLOCK,
            AreaKind.TEHSIL,
            AreaKind.MUNICIPALITY,
        ],
    )


def office_choices(programme: Programme) -> QuerySet[Office]:
    """Active offices under the programme's area not yet in its set."""
    have = programme.targets.filter(office__isnull=False).values("office_id")
    return (
        Office.objects.filter(under_q("area__path", [programme.area.path]), is_active=True)
        .exclude(pk__in=have)
        .select_related("area")
    )


OFFICE_KINDS = OfficeKind.choices
