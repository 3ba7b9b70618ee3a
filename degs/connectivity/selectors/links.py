"""Reads of the links part: links, providers, maintenance windows, and the links down now.
Every read starts from what the user may see (``visible_to``)."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from degs.connectivity.choices import OUTAGE_OPEN, LinkStatus
from degs.connectivity.models import (
    Link,
    LinkEvent,
    MaintenanceWindow,
    Outage,
    Provider,
    ProviderContact,
    Sla,
)
from degs.core.scoping import ancestor_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Office

LINK_RELATED = ("provider", "office", "area", "sla")


def link_list(*, user: Any) -> QuerySet[Link]:
    """The links the user sees, with what a row shows."""
    return Link.objects.visible_to(user).select_related(*LINK_RELATED)


def link_get(*, user: Any, pk: Any) -> Link:
    """One link the user sees (404 outside their areas, as if it did not exist)."""
    return get_object_or_404(link_list(user=user), pk=pk)


def link_events(*, link: Link, limit: int = 20) -> list[LinkEvent]:
    """The link's latest events, newest first."""
    return list(LinkEvent.objects.filter(link=link).select_related("actor")[:limit])


def link_open_outage(*, link: Link) -> Outage | None:
    return Outage.objects.filter(link=link, status__in=OUTAGE_OPEN).first()


def links_down_now(*, user: Any) -> QuerySet[Link]:
    """Links down or not reporting, oldest first, each with since when (``status_since``) and
    its open outage if any (``open_outage_id``, ``open_outage_started``): one query."""
    open_outage = Outage.objects.filter(link=OuterRef("pk"), status__in=OUTAGE_OPEN)
    return (
        Link.objects.visible_to(user)
        .filter(status__in=(LinkStatus.DOWN, LinkStatus.UNKNOWN))
        .select_related("provider", "office", "area")
        .annotate(
            open_outage_id=Subquery(open_outage.values("pk")[:1]),
            open_outage_started=Subquery(open_outage.values("started_at")[:1]),
        )
        .order_by("status_since", "pk")
    )


# --- providers and master data ------------------------------------------------------------


def provider_list() -> QuerySet[Provider]:
    """Providers are state-wide master data: everyone in the section reads them all."""
    return Provider.objects.all()


def provider_get(*, pk: Any) -> Provider:
    return get_object_or_404(Provider, pk=pk)


def provider_slas(*, provider: Provider) -> QuerySet[Sla]:
    return Sla.objects.filter(provider=provider)


def provider_contacts(*, user: Any, provider: Provider) -> QuerySet[ProviderContact]:
    """The provider's contacts in the user's areas."""
    return (
        ProviderContact.objects.visible_to(user)
        .filter(provider=provider)
        .select_related("area", "user")
    )


def sla_choices() -> QuerySet[Sla]:
    return Sla.objects.select_related("provider")


def office_choices(*, user: Any) -> QuerySet[Office]:
    """Offices a link may be given to: active, in the user's areas."""
    return Office.objects.visible_to(user).filter(is_active=True).select_related("area")


def panchayat_choices(*, user: Any) -> QuerySet[Area]:
    return Area.objects.visible_to(user).filter(kind=AreaKind.GRAM_PANCHAYAT)


def filter_areas(*, user: Any) -> QuerySet[Area]:
    """The areas a link list may be narrowed to: the user's districts and blocks."""
    return Area.objects.visible_to(user).filter(kind__in=(AreaKind.DISTRICT, AreaKind.BLOCK))


# --- maintenance windows ----------------------------------------------------------------------


def maintenance_list(*, user: Any) -> QuerySet[MaintenanceWindow]:
    return MaintenanceWindow.objects.visible_to(user).select_related(
        "provider", "area", "link", "created_by"
    )


def maintenance_get(*, user: Any, pk: Any) -> MaintenanceWindow:
    return get_object_or_404(maintenance_list(user=user), pk=pk)


def link_maintenance(*, link: Link, limit: int = 10) -> list[MaintenanceWindow]:
    """Windows on the link itself, and those on every link of its provider in its areas."""
    paths = [*ancestor_paths(link.area.path), link.area.path]
    return list(
        MaintenanceWindow.objects.filter(
            Q(link=link) | Q(link__isnull=True, provider=link.provider_id, area__path__in=paths)
        ).order_by("-starts_at")[:limit]
    )
