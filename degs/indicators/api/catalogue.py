"""The catalogue part of the indicators API: data elements and indicators (list with the
pages' filters, one), the targets the caller sees, and setting a target (version-checked:
409 when someone changed it since)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.indicators.filters.catalogue import ElementFilterSet, IndicatorFilterSet, TargetFilterSet
from degs.indicators.schemas.catalogue import (
    IndicatorElementOut,
    IndicatorOut,
    IndicatorTargetIn,
    IndicatorTargetOut,
)
from degs.indicators.selectors import catalogue as selectors
from degs.indicators.services import catalogue as services

router = Router(tags=["figures"])
SECTION = "indicators"
NOT_FOUND = _("Not found.")

list_operation(
    router,
    "/elements/",
    ElementFilterSet,
    IndicatorElementOut,
    name="list_data_elements",
    section=SECTION,
    doc="The data elements (the state's list), filtered as on the page.",
)
list_operation(
    router,
    "/indicators/",
    IndicatorFilterSet,
    IndicatorOut,
    name="list_indicators",
    section=SECTION,
    doc="The indicators (the state's list), filtered as on the page.",
)
list_operation(
    router,
    "/targets/",
    TargetFilterSet,
    IndicatorTargetOut,
    name="list_indicator_targets",
    section=SECTION,
    doc="The targets in the caller's areas.",
)


@router.get("/elements/{element_id}/", response=IndicatorElementOut, url_name="get_data_element")
def get_data_element(request: AuthedRequest, element_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.element_get(user=request.user, pk=element_id)


@router.get("/indicators/{indicator_id}/", response=IndicatorOut, url_name="get_indicator")
def get_indicator(request: AuthedRequest, indicator_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.indicator_get(user=request.user, pk=indicator_id)


@router.post("/targets/", response=IndicatorTargetOut, url_name="set_indicator_target")
def set_indicator_target(request: AuthedRequest, payload: IndicatorTargetIn) -> object:
    """Set the target of an indicator at an area (one the caller manages figures in) for a
    period; the same number again changes nothing."""
    require_section(request.user, SECTION)
    values = payload.model_dump()
    errors: dict[str, Any] = {}
    indicator = selectors.indicator_list(user=request.user).filter(pk=values["indicator"]).first()
    if indicator is None:
        errors["indicator"] = [NOT_FOUND]
    area = selectors.target_areas(user=request.user).filter(pk=values["area"]).first()
    if area is None:
        errors["area"] = [NOT_FOUND]
    if errors:
        raise ValidationError(errors)
    target = services.target_set(
        actor=request.user,
        indicator=indicator,  # type: ignore[arg-type]
        area=area,  # type: ignore[arg-type]
        period=values["period"],
        value=values["value"],
        version=values["version"],
    )
    return selectors.target_get(user=request.user, pk=target.pk)
