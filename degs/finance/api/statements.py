"""The finance API's statements part: the fund statement and the utilisation certificate
(GFR 12-A) as JSON, chosen as on the pages (docs/finance.md)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Router

from degs.core.exceptions import PermissionDenied
from degs.core.permissions import require_section, user_can
from degs.core.schemas import Text
from degs.core.typing import AuthedRequest
from degs.finance.forms.statements import StatementForm, period_bounds
from degs.finance.schemas.statements import CertificateOut, StatementOut
from degs.finance.selectors.ledger import head_get
from degs.finance.selectors.statements import (
    HeadStatement,
    fund_statement,
    utilisation_certificate,
)

router = Router(tags=["finance"])
VIEW = "finance.view"


def _may_see(request: AuthedRequest) -> None:
    require_section(request.user, "finance")
    if not user_can(request.user, VIEW):
        raise PermissionDenied


def _head(line: HeadStatement) -> dict[str, Any]:
    return {
        "head_id": line.head.pk if line.head else None,
        "code": line.head.code if line.head else "",
        "name": str(line.head.label) if line.head else "",
        "opening_paise": line.opening,
        "receipts": [
            {"code": r.account.code, "name": str(r.account.label), "paise": r.amount}
            for r in line.receipts
        ],
        "receipts_paise": line.receipts_total,
        "payments": [
            {"code": p.account.code, "name": str(p.account.label), "paise": p.amount}
            for p in line.payments
        ],
        "payments_paise": line.payments_total,
        "other_paise": line.other,
        "closing_paise": line.closing,
    }


@router.get(
    "/statement/",
    response=StatementOut,
    url_name="fund_statement",
)
def statement(
    request: AuthedRequest,
    district: int | None = None,
    year: int | None = None,
    part: Text = "",
) -> object:
    """The fund statement of a society the caller sees (``district``: its id, else the first)
    for the financial year from 1 April ``year`` (this one if left out), or ``part`` of it:
    ``q1``..``q4`` a quarter, ``m4``..``m3`` a month."""
    _may_see(request)
    form = StatementForm(request.GET, user=request.user)
    book, chosen_year, chosen_part = form.chosen()
    if book is None or (district is not None and book.district_id != district):
        raise Http404
    start, end = period_bounds(chosen_year, chosen_part)
    result = fund_statement(book.district, start, end)
    return {
        "district_id": book.district_id,
        "society": book.society,
        "start": result.start,
        "end": result.end,
        "heads": [_head(h) for h in result.heads],
        "total": _head(result.total),
    }


@router.get(
    "/uc/",
    response=CertificateOut,
    url_name="utilisation_certificate",
)
def certificate(request: AuthedRequest, head: int, year: int) -> object:
    """The utilisation certificate (Form GFR 12-A) of a fund head the caller sees for the
    financial year from 1 April ``year``."""
    _may_see(request)
    row = head_get(user=request.user, pk=head)
    if not 2000 <= year <= 2100:
        raise Http404
    c = utilisation_certificate(row, year)
    return {
        "head_id": row.pk,
        "scheme": str(row.label),
        "year": c.label,
        "start": c.start,
        "end": c.end,
        "society": c.society,
        "recurring": c.recurring,
        "opening_cash_paise": c.opening_cash,
        "opening_advances_paise": c.opening_advances,
        "opening_total_paise": c.opening_total,
        "interest_earned_paise": c.interest_earned,
        "interest_returned_paise": c.interest_returned,
        "grants_received": [
            {
                "sanction_id": s.sanction.pk if s.sanction else None,
                "number": s.number,
                "date": s.date,
                "received_paise": s.received,
            }
            for s in c.sanctions
        ],
        "grants_received_paise": c.grants_received,
        "other_receipts_paise": c.other_receipts,
        "available_paise": c.available,
        "expenditure_paise": c.expenditure,
        "closing_paise": c.closing,
        "general_paise": c.general,
        "salary_paise": c.salary,
        "capital_assets_paise": c.capital,
        "closing_cash_paise": c.closing_cash,
        "closing_advances_paise": c.closing_advances,
    }
