"""The assets API's procurement part: cases (list with the page's filters, one), record one,
add a quote, and the steps (sanction, order, delivery, close or cancel). Scoped like the pages:
a case, office or area outside the caller's areas answers 404 or 422 as one that does not
exist."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.assets.filters.procurement import CaseFilterSet
from degs.assets.models import Category, Supplier
from degs.assets.schemas.procurement import (
    CaseActIn,
    CaseDeliverIn,
    CaseIn,
    CaseOrderIn,
    CaseOut,
    CaseQuoteIn,
    CaseQuoteOut,
    CaseSanctionIn,
)
from degs.assets.selectors import procurement as selectors
from degs.assets.services import procurement as services
from degs.connectivity.api.references import rows_or_422
from degs.core.api import act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["assets"])

SECTION = "assets"


def _case(*, user: Any, pk: int) -> Any:
    return selectors.case_get(user=user, pk=pk)


def _rows(filterset: CaseFilterSet) -> QuerySet[Any]:
    return filterset.qs.prefetch_related("quotes")


list_operation(
    router,
    "/procurement/",
    CaseFilterSet,
    CaseOut,
    name="list_cases",
    section=SECTION,
    rows=_rows,
    doc="The procurement cases the caller sees, filtered as on the case list.",
)


@router.get("/procurement/{case_id}/", response=CaseOut, url_name="get_case")
def get_case(request: AuthedRequest, case_id: int) -> object:
    require_section(request.user, SECTION)
    return _case(user=request.user, pk=case_id)


@router.post("/procurement/", response={201: CaseOut}, url_name="create_case")
def create_case(request: AuthedRequest, payload: CaseIn) -> object:
    """Record a need; the route is computed from the estimate (GFR 2017 rule 149)."""
    require_section(request.user, SECTION)
    values = rows_or_422(
        payload.model_dump(),
        {
            "area": (
                selectors.case_areas(user=request.user),
                _("Choose a district where you manage the equipment."),
            ),
            "category": (Category.objects.all(), _("Choose a category from the list.")),
        },
        required=("area",),
    )
    case = services.case_create(actor=request.user, **values)
    return 201, _case(user=request.user, pk=case.pk)


@router.post("/procurement/{case_id}/quotes/", response={201: CaseQuoteOut}, url_name="add_quote")
def add_quote(request: AuthedRequest, case_id: int, payload: CaseQuoteIn) -> object:
    """Add a seller's price before the order (one per seller)."""
    require_section(request.user, SECTION)
    case = _case(user=request.user, pk=case_id)
    return 201, services.quote_add(actor=request.user, case=case, **payload.model_dump())


@router.post("/procurement/{case_id}/sanction/", response=CaseOut, url_name="sanction_case")
def sanction_case(request: AuthedRequest, case_id: int, payload: CaseSanctionIn) -> object:
    require_section(request.user, SECTION)
    return act_on(
        request,
        case_id,
        read=_case,
        service=services.case_sanction,
        subject="case",
        payload=payload,
    )


@router.post("/procurement/{case_id}/order/", response=CaseOut, url_name="order_case")
def order_case(request: AuthedRequest, case_id: int, payload: CaseOrderIn) -> object:
    """Record the order; refused (422) with the rule's sentence when the value needs another
    route, above the sanction, or not to the lowest of an L1 purchase's quotes."""
    require_section(request.user, SECTION)
    values = rows_or_422(
        {"supplier": payload.supplier},
        {"supplier": (Supplier.objects.filter(is_active=True), _("Choose the supplier."))},
        required=("supplier",),
    )
    return act_on(
        request,
        case_id,
        read=_case,
        service=services.case_order,
        subject="case",
        payload=payload,
        **values,
    )


@router.post("/procurement/{case_id}/deliver/", response=CaseOut, url_name="deliver_case")
def deliver_case(request: AuthedRequest, case_id: int, payload: CaseDeliverIn) -> object:
    """Record the delivery: ``quantity`` assets go into the register at once, or none."""
    require_section(request.user, SECTION)
    case = _case(user=request.user, pk=case_id)
    values = rows_or_422(
        {"model": payload.model, "office": payload.office},
        {
            "model": (
                selectors.delivery_models(case=case),
                _("Choose the make and model delivered."),
            ),
            "office": (
                selectors.delivery_offices(user=request.user, case=case),
                _("Choose the custodian office."),
            ),
        },
        required=("model", "office"),
    )
    return act_on(
        request,
        case_id,
        read=_case,
        service=services.case_deliver,
        subject="case",
        payload=payload,
        **values,
    )


@router.post("/procurement/{case_id}/act/", response=CaseOut, url_name="act_on_case")
def act_on_case(request: AuthedRequest, case_id: int, payload: CaseActIn) -> object:
    """Close a delivered case, or cancel one before delivery (``remark``: why)."""
    require_section(request.user, SECTION)
    return act_on(
        request,
        case_id,
        read=_case,
        service=services.case_step,
        subject="case",
        payload=payload,
    )
