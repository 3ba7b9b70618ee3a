"""Catalogue API (read): the services a caller may see, with the current version's form, fee
split and workflow, so that state portals and kiosk software can build the same form."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from degs.catalogue.models import Service
from degs.core.typing import AuthedRequest

router = Router(tags=["catalogue"])


class ServiceOut(Schema):
    id: int
    code: str
    name: str
    name_hi: str
    department: str
    area_id: int
    is_active: bool
    is_demo: bool
    version: int | None
    law: str | None
    time_limit_days: int | None
    designated_post: str | None
    appellate_post: str | None
    validity_days: int | None
    definition: dict[str, Any] | None

    @staticmethod
    def resolve_version(obj: Service) -> int | None:
        return obj.current.number if obj.current else None

    @staticmethod
    def resolve_law(obj: Service) -> str | None:
        return obj.current.law if obj.current else None

    @staticmethod
    def resolve_time_limit_days(obj: Service) -> int | None:
        return obj.current.time_limit_days if obj.current else None

    @staticmethod
    def resolve_designated_post(obj: Service) -> str | None:
        return obj.current.designated_post.code if obj.current else None

    @staticmethod
    def resolve_appellate_post(obj: Service) -> str | None:
        if obj.current and obj.current.appellate_post:
            return obj.current.appellate_post.code
        return None

    @staticmethod
    def resolve_validity_days(obj: Service) -> int | None:
        return obj.current.validity_days if obj.current else None

    @staticmethod
    def resolve_definition(obj: Service) -> dict[str, Any] | None:
        return obj.current.definition if obj.current else None


def _services(request: AuthedRequest) -> Any:
    return Service.objects.for_user(request.user).select_related(
        "current__designated_post", "current__appellate_post"
    )


@router.get("/services/", response=list[ServiceOut])
def list_services(request: AuthedRequest) -> object:
    """Services in the caller's states and districts, with their current version."""
    return list(_services(request).order_by("area_id", "code"))


@router.get("/services/{service_id}/", response=ServiceOut)
def get_service(request: AuthedRequest, service_id: int) -> object:
    return get_object_or_404(_services(request), pk=service_id)
