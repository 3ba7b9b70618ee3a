"""The finance API's payments part: payments (list with the page's filters, make one).
A case or ticket paid carries the version the caller saw; someone else's payment or change
since is refused (409) naming them."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router

from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.finance.filters.payments import PaymentFilterSet
from degs.finance.schemas.payments import PaymentIn, PaymentOut
from degs.finance.selectors import payments as selectors
from degs.finance.selectors import receipts as receipt_selectors
from degs.finance.selectors.ledger import head_get
from degs.finance.services import payments as services

router = Router(tags=["finance"])
SECTION = "finance"

list_operation(
    router,
    "/payments/",
    PaymentFilterSet,
    PaymentOut,
    name="list_payments",
    section=SECTION,
    doc="The payments the caller sees, filtered as on the payments page.",
)


@router.post("/payments/", response={201: PaymentOut}, url_name="create_payment")
def create_payment(request: AuthedRequest, payload: PaymentIn) -> object:
    """Pay out of a head, against at most one of a sanction, a procurement case or a ticket.
    A payment beyond the head's balance is refused (422) naming the balance."""
    require_section(request.user, SECTION)
    values = payload.model_dump()
    head = head_get(user=request.user, pk=values.pop("head"))
    expense = get_object_or_404(selectors.expense_accounts(), code=values.pop("expense"))
    found = {
        "sanction": receipt_selectors.sanction_list(user=request.user),
        "procurement": selectors.payable_cases(user=request.user),
        "ticket": selectors.payable_tickets(user=request.user),
    }
    for name, rows in found.items():
        if values[name] is not None:
            values[name] = get_object_or_404(rows, pk=values[name])
    key = values.pop("key")
    entry = services.payment_make(
        actor=request.user,
        district=head.district,
        head=head,
        expense=expense,
        source_key=f"api:{key}" if key else "",
        **values,
    )
    return 201, selectors.payment_list(user=request.user).get(pk=entry.pk)
