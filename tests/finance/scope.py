"""The finance app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- part "ledger" ------------------------------------------------------------


def _ledger_head(block: Area, tag: str) -> Any:
    """A fund head of the block's district (its name the tag), the district's book opened."""
    from degs.finance.services.ledger import book_open, fund_head_add

    district = block.parent
    book_open(actor=None, district=district, society=f"DeGS {district.name}")
    return fund_head_add(
        actor=None, district=district, code=f"l-{tag.lower()[:28]}", name=tag, name_hi=tag
    )


def _ledger_entry(block: Area, tag: str) -> Any:
    """A posted receipt of the block's district, its narration the tag."""
    from django.utils import timezone

    from degs.finance.services.ledger import chart_ensure, entry_post

    head = _ledger_head(block, tag)
    accounts = chart_ensure()
    return entry_post(
        actor=None,
        district=head.district,
        date=timezone.localdate(),
        kind="receipt",
        narration=tag,
        legs=[(accounts["1100"], head, 100_00), (accounts["4300"], head, -100_00)],
    )


LEDGER_MAKERS: dict[str, Maker] = {
    "ledger_head": Maker(_ledger_head),
    "ledger_entry": Maker(_ledger_entry),
}
LEDGER_URLS: list[ScopedURL] = [
    # A society's book is a district's: the DC of A sees A's (both blocks'), never B's.
    ScopedURL("finance:entry_list", "ledger_entry", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("finance:entry_detail", "ledger_entry", "detail", viewer="dc_a"),
    ScopedURL("api:list_entries", "ledger_entry", "list", query="q={tag}&limit=100", viewer="dc_a"),
    ScopedURL("api:get_entry", "ledger_entry", "detail", kwarg="entry_id", viewer="dc_a"),
    ScopedURL("finance:head_list", "ledger_head", "list", viewer="dc_a"),
    ScopedURL("finance:head_detail", "ledger_head", "detail", viewer="dc_a"),
    ScopedURL("finance:head_edit", "ledger_head", "detail", viewer="dc_a"),
]
LEDGER_NOT_AREA_BOUND: dict[str, str] = {
    "finance:entry_create": "districts and heads offered are those where the user holds "
    "finance.post; the service checks it at the district (tests/finance/test_ledger_pages)",
    "finance:entry_reverse": "POST; entry through entry_get (visible_to: 404 outside), the "
    "service checks finance.post",
    "finance:month_close": "lists the books of visible_to districts by district name; closing "
    "checks finance.close at the district (tests/finance/test_ledger_pages)",
    "finance:trial_balance": "?district= chosen among the visible_to books only; accounts, not "
    "area rows (tests/finance/test_ledger_api: 404 outside through the API)",
    "finance:head_create": "districts offered are those where the user holds finance.close; "
    "the service checks it",
    "api:post_entry": "POST; district among the caller's visible books (404 outside), the "
    "service checks finance.post",
    "api:reverse_entry": "POST; entry through entry_get (visible_to: 404 outside)",
    "api:trial_balance": "?district= among the caller's visible books, else 404 "
    "(tests/finance/test_ledger_api)",
    "api:head_balances": "?district= among the caller's visible books, else 404",
}
LEDGER_PUBLIC: set[str] = set()


# --- part "receipts" ----------------------------------------------------------


def _fund_of(block: Area, tag: str) -> Any:
    """The block's district's book and a fund head of it (code from the tag)."""
    from degs.finance.models import Book, FundHead

    district = block.parent
    Book.objects.get_or_create(district=district, defaults={"society": f"DeGS {district.name}"})
    return FundHead.objects.create(
        district=district, code=f"h-{tag.lower()[:26]}", name=f"Head {tag}", name_hi=tag
    )


def _sanction(block: Area, tag: str) -> Any:
    """A sanction of the block's district, its letter number the tag."""
    import datetime as dt

    from degs.finance.models import Sanction

    head = _fund_of(block, tag)
    return Sanction.objects.create(
        district=head.district,
        head=head,
        number=tag,
        date=dt.date(2026, 4, 2),
        grantor="Department of IT",
        amount_paise=10_000_00,
    )


RECEIPTS_MAKERS: dict[str, Maker] = {"sanction": Maker(_sanction)}
RECEIPTS_URLS: list[ScopedURL] = [
    # Sanctions are a district's: the DC of A sees A's (both blocks'), never B's.
    ScopedURL("finance:sanction_list", "sanction", "list", query="q={tag}", viewer="dc_a"),
    ScopedURL("finance:sanction_detail", "sanction", "detail", viewer="dc_a"),
    ScopedURL("finance:sanction_edit", "sanction", "detail", viewer="dc_a"),
    ScopedURL("finance:grant_receive", "sanction", "detail", viewer="dc_a"),
    ScopedURL("api:list_sanctions", "sanction", "list", query="q={tag}&limit=100", viewer="dc_a"),
    ScopedURL("api:get_sanction", "sanction", "detail", kwarg="sanction_id", viewer="dc_a"),
]
RECEIPTS_NOT_AREA_BOUND: dict[str, str] = {
    "finance:sanction_create": "districts and heads offered are those where the user holds "
    "finance.close; the service checks it at the district (tests/finance/test_receipts)",
    "finance:user_charges": "months of the districts with a book where the user holds "
    "finance.view (user_charges_months); receiving checks finance.post at the district",
    "finance:interest_receive": "heads offered through visible_to where the user may post; the "
    "service checks finance.post at the head's district",
    "api:create_sanction": "POST; district and head through visible_to (404 outside), the "
    "service checks finance.close",
    "api:receive_grant": "POST; sanction through sanction_get (visible_to: 404 outside)",
    "api:list_user_charges": "as its page: the districts where the caller holds finance.view",
    "api:receive_user_charges": "POST; district through visible_to (404 outside), the service "
    "checks finance.post",
    "api:receive_interest": "POST; head through visible_to (404 outside), the service checks "
    "finance.post",
}
RECEIPTS_PUBLIC: set[str] = set()


# --- part "payments" ----------------------------------------------------------


def _payment(block: Area, tag: str) -> Any:
    """A payment of the block's district (paid to the tag), after a receipt that funds it."""
    import datetime as dt

    from degs.finance.models import Account
    from degs.finance.services.ledger import entry_post

    head = _fund_of(block, tag)
    bank, uc, office = (Account.objects.get(code=c) for c in ("1100", "4100", "5300"))
    day = dt.date(2026, 4, 2)
    entry_post(
        actor=None,
        district=head.district,
        date=day,
        kind="receipt",
        narration="Receipt",
        legs=[(bank, head, 500_00), (uc, head, -500_00)],
    )
    return entry_post(
        actor=None,
        district=head.district,
        date=day,
        kind="payment",
        narration="Payment",
        party=tag,
        legs=[(office, head, 200_00), (bank, head, -200_00)],
    )


PAYMENTS_MAKERS: dict[str, Maker] = {"payment": Maker(_payment)}
PAYMENTS_URLS: list[ScopedURL] = [
    ScopedURL("finance:payment_list", "payment", "list", query="payee={tag}", viewer="dc_a"),
    ScopedURL("api:list_payments", "payment", "list", query="payee={tag}&limit=100", viewer="dc_a"),
]
PAYMENTS_NOT_AREA_BOUND: dict[str, str] = {
    "finance:payment_create": "heads, sanctions, cases and tickets offered through visible_to "
    "(a case or ticket asked for by ?procurement= outside answers 404); the service checks "
    "finance.post at the head's district (tests/finance/test_payments_pages)",
    "api:create_payment": "POST; head, sanction, case and ticket through visible_to (404 "
    "outside), the service checks finance.post",
}
PAYMENTS_PUBLIC: set[str] = set()


# --- part "statements" --------------------------------------------------------


def _statements_head(block: Area, tag: str) -> Any:
    """A fund head of the block's district (its name the tag), the district's book opened: the
    statement lists each head of the society, the overview each head with its balance."""
    from degs.finance.models import Book, FundHead

    district = block.parent
    Book.objects.get_or_create(district=district, defaults={"society": f"DeGS {district.name}"})
    return FundHead.objects.create(district=district, code=tag.lower()[:30], name=tag, name_hi=tag)


STATEMENTS_MAKERS: dict[str, Maker] = {"statements_head": Maker(_statements_head)}
STATEMENTS_URLS: list[ScopedURL] = [
    # The DC of district A sees district A's society (both blocks' heads), never district B's.
    ScopedURL("finance:statement", "statements_head", "list", viewer="dc_a"),
    ScopedURL("finance:statement_csv", "statements_head", "list", viewer="dc_a"),
    ScopedURL("finance:uc", "statements_head", "list", viewer="dc_a"),
    ScopedURL("finance:overview", "statements_head", "list", viewer="dc_a"),
    ScopedURL("api:fund_overview", "statements_head", "list", viewer="dc_a"),
    ScopedURL("api:fund_statement", "statements_head", "list", viewer="dc_a"),
]
STATEMENTS_NOT_AREA_BOUND: dict[str, str] = {
    "finance:statement_xlsx": "a workbook (binary): the same rows as statement_csv, which is checked",
    "finance:uc_pdf": "a PDF of the head chosen in ?head= read through visible_to, else 404 "
    "(tests/finance/test_statements_pages)",
    "api:utilisation_certificate": "?head= read through visible_to, else 404 "
    "(tests/finance/test_statements_pages)",
}
STATEMENTS_PUBLIC: set[str] = set()


def _unused(block: Area, tag: str) -> Any:  # keeps the shared imports used until parts add makers
    return ScopedURL, Maker


MAKERS: dict[str, Maker] = {
    **LEDGER_MAKERS,
    **RECEIPTS_MAKERS,
    **PAYMENTS_MAKERS,
    **STATEMENTS_MAKERS,
}
SCOPED_URLS: list[ScopedURL] = [
    *LEDGER_URLS,
    *RECEIPTS_URLS,
    *PAYMENTS_URLS,
    *STATEMENTS_URLS,
]
NOT_AREA_BOUND: dict[str, str] = {
    **LEDGER_NOT_AREA_BOUND,
    **RECEIPTS_NOT_AREA_BOUND,
    **PAYMENTS_NOT_AREA_BOUND,
    **STATEMENTS_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set().union(
    LEDGER_PUBLIC, RECEIPTS_PUBLIC, PAYMENTS_PUBLIC, STATEMENTS_PUBLIC
)
