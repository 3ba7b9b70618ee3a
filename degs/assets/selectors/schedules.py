"""Reads of the schedules part: the schedules a user sees, one schedule with the assets it
covers and the tickets it opened, and what the schedule form offers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from degs.assets import workflow
from degs.assets.models import Asset, Category, Schedule, Ticket
from degs.assets.selectors.tickets import RETIRED
from degs.core.permissions import capability_paths
from degs.core.scoping import under_q
from degs.directory.models import Area


def schedule_list(*, user: Any) -> QuerySet[Schedule]:
    return Schedule.objects.visible_to(user).select_related(
        "area", "asset", "category", "priority", "vendor"
    )


def schedule_get(*, user: Any, pk: int) -> Schedule:
    return get_object_or_404(schedule_list(user=user), pk=pk)


def schedule_assets(schedule: Schedule) -> QuerySet[Asset]:
    """The assets the schedule opens tickets for (condemned and disposed ones left out)."""
    assets = Asset.objects.exclude(status__in=RETIRED).select_related("model", "office")
    if schedule.asset_id is not None:
        return assets.filter(pk=schedule.asset_id)
    return assets.filter(
        model__category_id=schedule.category_id, area__path__startswith=schedule.area.path
    ).order_by("tag")


def schedule_tickets(schedule: Schedule) -> QuerySet[Ticket]:
    return schedule.tickets.select_related("asset", "owner").order_by("-due_on", "pk")


def manageable_areas(*, user: Any) -> QuerySet[Area]:
    """The areas where ``user`` may make a schedule (assets.manage)."""
    paths = capability_paths(user, workflow.MANAGE)
    areas = Area.objects.visible_to(user)
    if paths is None:
        return areas.order_by("path")
    return (areas.filter(under_q("path", paths)) if paths else areas.none()).order_by("path")


def manageable_assets(*, user: Any) -> QuerySet[Asset]:
    paths = capability_paths(user, workflow.MANAGE)
    assets = Asset.objects.visible_to(user).exclude(status__in=RETIRED)
    if paths is None:
        return assets
    return assets.filter(under_q("area__path", paths)) if paths else assets.none()


def categories() -> QuerySet[Category]:
    return Category.objects.order_by("name")
