"""The API of the connectivity app's outages part: outages (list with the page's filters, one),
open one, and the provider's acknowledgement, the restoration and the cancellation. Scoped like
the pages: an outage or link outside the caller's areas answers 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router

from degs.connectivity.filters.outages import OutageFilterSet
from degs.connectivity.models import Link
from degs.connectivity.schemas.outages import (
    AcknowledgeIn,
    CancelIn,
    OutageIn,
    OutageOut,
    RestoreIn,
)
from degs.connectivity.selectors import outages as selectors
from degs.connectivity.services import outages as services
from degs.core.api import act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["network"])

SECTION = "connectivity"


def _rows(filterset: OutageFilterSet) -> object:
    return filterset.qs.select_related("link")


list_operation(
    router,
    "/outages/",
    OutageFilterSet,
    OutageOut,
    name="list_outages",
    section=SECTION,
    rows=_rows,
    doc="The outages the caller sees, filtered as on the outage list.",
)


@router.get("/outages/{outage_id}/", response=OutageOut, url_name="get_outage")
def get_outage(request: AuthedRequest, outage_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.outage_get(user=request.user, pk=outage_id)


@router.post("/outages/", response={201: OutageOut}, url_name="open_outage")
def open_outage(request: AuthedRequest, payload: OutageIn) -> object:
    """Report a link down. A second open outage on the link is refused (422) naming the
    open one."""
    require_section(request.user, SECTION)
    values = payload.model_dump()
    link = get_object_or_404(Link.objects.visible_to(request.user), pk=values.pop("link"))
    outage = services.outage_open(actor=request.user, link=link, **values)
    return 201, selectors.outage_get(user=request.user, pk=outage.pk)


@router.post("/outages/{outage_id}/acknowledge/", response=OutageOut, url_name="acknowledge_outage")
def acknowledge_outage(request: AuthedRequest, outage_id: int, payload: AcknowledgeIn) -> object:
    require_section(request.user, SECTION)
    return act_on(
        request,
        outage_id,
        read=selectors.outage_get,
        service=services.outage_acknowledge,
        subject="outage",
        payload=payload,
    )


@router.post("/outages/{outage_id}/restore/", response=OutageOut, url_name="restore_outage")
def restore_outage(request: AuthedRequest, outage_id: int, payload: RestoreIn) -> object:
    require_section(request.user, SECTION)
    return act_on(
        request,
        outage_id,
        read=selectors.outage_get,
        service=services.outage_restore,
        subject="outage",
        payload=payload,
    )


@router.post("/outages/{outage_id}/cancel/", response=OutageOut, url_name="cancel_outage")
def cancel_outage(request: AuthedRequest, outage_id: int, payload: CancelIn) -> object:
    require_section(request.user, SECTION)
    return act_on(
        request,
        outage_id,
        read=selectors.outage_get,
        service=services.outage_cancel,
        subject="outage",
        payload=payload,
    )
