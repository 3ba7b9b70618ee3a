"""The finance API's ledger part: the journal's entries (list with the page's filters, one
with its legs), posting an entry, reversing one, the trial balance and the heads' balances.
Scoped like the pages: a society outside the caller's areas answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Router

from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.finance.filters.ledger import EntryFilterSet
from degs.finance.models import Account, Entry, FundHead
from degs.finance.schemas.ledger import (
    EntryDetailOut,
    EntryIn,
    EntryOut,
    HeadBalanceOut,
    ReverseIn,
    TrialBalanceOut,
)
from degs.finance.selectors import ledger as selectors
from degs.finance.services import ledger as services

router = Router(tags=["finance"])

SECTION = "finance"

list_operation(
    router,
    "/entries/",
    EntryFilterSet,
    EntryOut,
    name="list_entries",
    section=SECTION,
    doc="The posted journal entries the caller sees, filtered as on the journal page.",
)


def _answer(entry: Entry) -> dict[str, Any]:
    legs = [
        {"account": leg.account.code, "head_id": leg.head_id, "amount_paise": leg.amount_paise}
        for leg in selectors.entry_legs(entry)
    ]
    data = EntryOut.model_validate(entry, from_attributes=True).model_dump()
    return {**data, "legs": legs}


@router.get("/entries/{entry_id}/", response=EntryDetailOut, url_name="get_entry")
def get_entry(request: AuthedRequest, entry_id: int) -> object:
    require_section(request.user, SECTION)
    return _answer(selectors.entry_get(user=request.user, pk=entry_id))


@router.post("/entries/", response={201: EntryDetailOut}, url_name="post_entry")
def post_entry(request: AuthedRequest, payload: EntryIn) -> object:
    """Post an entry. Refused (422) with the reason: lines that do not balance per head, a date
    in a closed month or the future, a payment beyond the head's balance."""
    require_section(request.user, SECTION)
    district = selectors.book_district_get(user=request.user, pk=payload.district)
    accounts = {a.code: a for a in Account.objects.all()}
    heads = {h.pk: h for h in FundHead.objects.filter(district=district)}
    legs = []
    for line, leg in enumerate(payload.legs, start=1):
        if leg.account not in accounts or leg.head not in heads:
            raise ValidationError(services.UNKNOWN_LINE % {"line": line})
        legs.append((accounts[leg.account], heads[leg.head], leg.amount_paise))
    entry = services.entry_post(
        actor=request.user,
        district=district,
        date=payload.date,
        kind=payload.kind,
        narration=payload.narration,
        party=payload.party,
        reference=payload.reference,
        legs=legs,
        source_key=payload.source_key,
    )
    return 201, _answer(selectors.entry_get(user=request.user, pk=entry.pk))


@router.post(
    "/entries/{entry_id}/reverse/", response={201: EntryDetailOut}, url_name="reverse_entry"
)
def reverse_entry(request: AuthedRequest, entry_id: int, payload: ReverseIn) -> object:
    """Reverse an entry: the reversal is answered. A second reversal is refused (422)."""
    require_section(request.user, SECTION)
    entry = selectors.entry_get(user=request.user, pk=entry_id)
    reversal = services.entry_reverse(
        actor=request.user, entry=entry, date=payload.date, reason=payload.reason
    )
    return 201, _answer(selectors.entry_get(user=request.user, pk=reversal.pk))


@router.get("/trial-balance/", response=TrialBalanceOut, url_name="trial_balance")
def trial_balance(
    request: AuthedRequest, district: int, on: dt.date | None = None
) -> dict[str, Any]:
    require_section(request.user, SECTION)
    area = selectors.book_district_get(user=request.user, pk=district)
    balance = selectors.trial_balance(area, on)
    return {
        "district_id": area.pk,
        "on": on,
        "rows": [
            {
                "account": r.account.code,
                "name": r.account.name,
                "debit_paise": r.debit,
                "credit_paise": r.credit,
            }
            for r in balance.rows
        ],
        "debit_paise": balance.debit,
        "credit_paise": balance.credit,
    }


@router.get("/heads/", response=list[HeadBalanceOut], url_name="head_balances")
def head_balances(
    request: AuthedRequest, district: int, on: dt.date | None = None
) -> list[dict[str, Any]]:
    require_section(request.user, SECTION)
    area = selectors.book_district_get(user=request.user, pk=district)
    return [
        {
            "id": h.pk,
            "district_id": h.district_id,
            "code": h.code,
            "name": h.name,
            "is_active": h.is_active,
            "balance_paise": balance,
        }
        for h, balance in selectors.head_balances(area, on)
    ]
