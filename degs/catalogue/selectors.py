"""Reads of the catalogue. Every service read starts from ``Service.objects.for_user(user)``: a
service of another state, or of a district the user does not work in, is not found."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from degs.catalogue.models import Service, ServiceVersion
from degs.core.permissions import Capability, user_can, user_may_open
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Designation


def catalogue_can_view(user: Any) -> bool:
    """Those who see applications (the menu's "Services" sits beside them) read the catalogue
    of their state."""
    return user_may_open(user, "applications")


def service_can_manage(user: Any, service: Service) -> bool:
    """May the user publish new versions of this service?"""
    return user_can(user, Capability.CATALOGUE_MANAGE, service.area)


def service_list(*, user: Any) -> QuerySet[Service]:
    """The services the user may see, with what the list shows of each (one query); their
    filters are ``catalogue.filters.ServiceFilterSet``."""
    services = Service.objects.for_user(user).select_related("area", "current")
    return services.order_by("area__path", "name", "pk")


def service_get(*, user: Any, pk: int) -> Service:
    """One service the user may see; any other answers 404, as if it did not exist."""
    return get_object_or_404(
        Service.objects.for_user(user).select_related(
            "area", "current__designated_post", "current__appellate_post", "current__created_by"
        ),
        pk=pk,
    )


def service_versions(*, service: Service) -> QuerySet[ServiceVersion]:
    """Every published version of a service, newest first."""
    return service.versions.select_related("created_by").order_by("-number")


def service_version_get(*, service: Service, number: int) -> ServiceVersion:
    return get_object_or_404(
        service.versions.select_related("designated_post", "appellate_post", "created_by"),
        number=number,
    )


def service_areas(*, user: Any) -> QuerySet[Area]:
    """The states and districts where the user may define services (choices for a form)."""
    areas = Area.objects.visible_to(user).filter(
        kind__in=[AreaKind.STATE, AreaKind.DISTRICT], is_active=True
    )
    allowed = [a.pk for a in areas if user_can(user, Capability.CATALOGUE_MANAGE, a)]
    return Area.objects.filter(pk__in=allowed).order_by("path")


def designation_list() -> QuerySet[Designation]:
    """Post types a workflow step or a designated officer may name (not area-bound)."""
    return Designation.objects.order_by("rank", "name")


def designation_names(codes: set[str]) -> dict[str, Designation]:
    """The post types with these codes, by code (one query), to label a workflow's steps."""
    return {d.code: d for d in Designation.objects.filter(code__in=codes)}
