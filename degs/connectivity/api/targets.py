"""The API of the directive targets: the sets of links, rooms and phones a directive can be
about, each with its progress read live. Scoped like the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.connectivity.filters.targets import TargetFilterSet
from degs.connectivity.schemas.targets import TargetIn, TargetOut
from degs.connectivity.selectors import targets as selectors
from degs.connectivity.services import targets as services
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])

list_operation(
    router,
    "/targets/",
    TargetFilterSet,
    TargetOut,
    name="list_network_targets",
    section="connectivity",
    rows=lambda filters: filters.qs.select_related("area"),
)


@router.get("/targets/{target_id}/", response=TargetOut, url_name="get_network_target")
def get_network_target(request: AuthedRequest, target_id: int) -> object:
    require_section(request.user, "connectivity")
    return selectors.target_get(user=request.user, pk=target_id)


@router.post("/targets/", response={201: TargetOut}, url_name="create_network_target")
def create_network_target(request: AuthedRequest, payload: TargetIn) -> object:
    values = payload.model_dump()
    area = selectors.target_areas(user=request.user).filter(pk=values["area"]).first()
    if area is None:
        raise ValidationError({"area": _("Unknown area.")})
    values["area"] = area
    target = services.target_create(actor=request.user, **values)
    return 201, selectors.target_get(user=request.user, pk=target.pk)
