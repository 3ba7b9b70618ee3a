"""The values' API: list them (the list page's filters), enter or change one (PUT with the
version read; 409 if it changed since), take one back to "not reported"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router

from degs.core.api import Id
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.indicators.choices import Origin
from degs.indicators.filters.values import ValueFilterSet
from degs.indicators.models import DataElement
from degs.indicators.periods import BadPeriod, Period
from degs.indicators.schemas.values import ValueIn, ValueOut, ValueRemoveIn
from degs.indicators.selectors import values as selectors
from degs.indicators.selectors.figures import area_get
from degs.indicators.services import values as services

router = Router(tags=["figures"])

list_operation(
    router,
    "/values/",
    ValueFilterSet,
    ValueOut,
    name="list_values",
    section="indicators",
    doc="The values in the caller's areas: one element's figure per area, period and category.",
)


@router.get("/values/{value_id}/", response=ValueOut, url_name="get_value")
def get_value(request: AuthedRequest, value_id: Id) -> object:
    """One value in the caller's areas."""
    require_section(request.user, "indicators")
    return selectors.value_get(user=request.user, pk=value_id)


@router.put("/values/", response=ValueOut, url_name="set_value")
def set_value(request: AuthedRequest, payload: ValueIn) -> object:
    """Enter or change one figure for an area the caller reports for."""
    require_section(request.user, "indicators")
    area = area_get(user=request.user, pk=payload.area_id)
    element = DataElement.objects.filter(pk=payload.element_id).first()
    if element is None:
        raise ValidationError({"element_id": _("Unknown data element.")})
    try:
        period = Period.parse(payload.period)
    except BadPeriod:
        raise ValidationError(
            {"period": _("Give a month as 2026-04, a quarter as 2026-27-Q1 or a year as 2026-27.")}
        ) from None
    row = services.value_set(
        actor=request.user,
        element=element,
        area=area,
        period=period,
        value=payload.value,
        category=payload.category,
        version=payload.version,
        comment=payload.comment,
        origin=Origin.API,
    )
    return selectors.value_get(user=request.user, pk=row.pk)


@router.post("/values/{value_id}/remove/", response=ValueOut, url_name="remove_value")
def remove_value(request: AuthedRequest, value_id: Id, payload: ValueRemoveIn) -> object:
    """Take a figure back to "not reported" (its history stays); answers the figure as it was
    before it was taken back."""
    require_section(request.user, "indicators")
    value = selectors.value_get(user=request.user, pk=value_id)
    removed = ValueOut.from_orm(value)
    services.value_remove(actor=request.user, value=value, version=payload.version)
    return removed
