"""The finance API's receipts part: sanctions (list, one, record) and receipts (a month's
share of user charges, a grant against a sanction, interest). Scoped like the pages."""

from __future__ import annotations

import datetime as dt

from ninja import Router

from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.finance.filters.receipts import SanctionFilterSet
from degs.finance.schemas.receipts import (
    GrantIn,
    InterestIn,
    ReceiptOut,
    SanctionIn,
    SanctionOut,
    UserChargesIn,
    UserChargesMonthOut,
)
from degs.finance.selectors import ledger as ledger_selectors
from degs.finance.selectors import receipts as selectors
from degs.finance.selectors.ledger import head_get
from degs.finance.services import receipts as services

router = Router(tags=["finance"])
SECTION = "finance"

list_operation(
    router,
    "/sanctions/",
    SanctionFilterSet,
    SanctionOut,
    name="list_sanctions",
    section=SECTION,
    doc="The sanctions the caller sees, with what has been received against each.",
)


@router.get("/sanctions/{sanction_id}/", response=SanctionOut, url_name="get_sanction")
def get_sanction(request: AuthedRequest, sanction_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.sanction_get(user=request.user, pk=sanction_id)


@router.post("/sanctions/", response={201: SanctionOut}, url_name="create_sanction")
def create_sanction(request: AuthedRequest, payload: SanctionIn) -> object:
    """Record a grant sanctioned to a society (``finance.close``)."""
    require_section(request.user, SECTION)
    values = payload.model_dump()
    district = ledger_selectors.book_district_get(user=request.user, pk=values.pop("district"))
    head = head_get(user=request.user, pk=values.pop("head"))
    sanction = services.sanction_create(actor=request.user, district=district, head=head, **values)
    return 201, selectors.sanction_get(user=request.user, pk=sanction.pk)


@router.post(
    "/sanctions/{sanction_id}/receipts/", response={201: ReceiptOut}, url_name="receive_grant"
)
def receive_grant(request: AuthedRequest, sanction_id: int, payload: GrantIn) -> object:
    """Money received against a sanction; more than is left of it is refused (422)."""
    require_section(request.user, SECTION)
    sanction = selectors.sanction_get(user=request.user, pk=sanction_id)
    values = payload.model_dump()
    key = values.pop("key")
    return 201, services.grant_receive(
        actor=request.user, sanction=sanction, source_key=f"api:{key}" if key else "", **values
    )


@router.get("/user-charges/", response=list[UserChargesMonthOut], url_name="list_user_charges")
def list_user_charges(request: AuthedRequest) -> object:
    """Per district and month: the society's share of user charges computed from the
    applications ledger and what of it has been received."""
    require_section(request.user, SECTION)
    return [
        {
            "district_id": row.district.pk,
            "month": row.key,
            "due_paise": row.due,
            "received_paise": row.received,
            "entry_id": row.entry.pk if row.entry else None,
        }
        for row in selectors.user_charges_months(user=request.user)
    ]


@router.post("/user-charges/", response={201: ReceiptOut}, url_name="receive_user_charges")
def receive_user_charges(request: AuthedRequest, payload: UserChargesIn) -> object:
    """Receive a month's share (once: asking again answers the same entry)."""
    require_section(request.user, SECTION)
    district = ledger_selectors.book_district_get(user=request.user, pk=payload.district)
    month = dt.date.fromisoformat(f"{payload.month}-01")
    return 201, services.user_charges_receive(actor=request.user, district=district, month=month)


@router.post("/interest/", response={201: ReceiptOut}, url_name="receive_interest")
def receive_interest(request: AuthedRequest, payload: InterestIn) -> object:
    """Interest credited by the bank, under a head."""
    require_section(request.user, SECTION)
    values = payload.model_dump()
    head = head_get(user=request.user, pk=values.pop("head"))
    key = values.pop("key")
    return 201, services.interest_receive(
        actor=request.user, head=head, source_key=f"api:{key}" if key else "", **values
    )
