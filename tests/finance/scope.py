"""The finance app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- part "ledger" ------------------------------------------------------------

LEDGER_MAKERS: dict[str, Maker] = {}
LEDGER_URLS: list[ScopedURL] = []
LEDGER_NOT_AREA_BOUND: dict[str, str] = {}
LEDGER_PUBLIC: set[str] = set()


# --- part "receipts" ----------------------------------------------------------

RECEIPTS_MAKERS: dict[str, Maker] = {}
RECEIPTS_URLS: list[ScopedURL] = []
RECEIPTS_NOT_AREA_BOUND: dict[str, str] = {}
RECEIPTS_PUBLIC: set[str] = set()


# --- part "payments" ----------------------------------------------------------

PAYMENTS_MAKERS: dict[str, Maker] = {}
PAYMENTS_URLS: list[ScopedURL] = []
PAYMENTS_NOT_AREA_BOUND: dict[str, str] = {}
PAYMENTS_PUBLIC: set[str] = set()


# --- part "statements" --------------------------------------------------------

STATEMENTS_MAKERS: dict[str, Maker] = {}
STATEMENTS_URLS: list[ScopedURL] = []
STATEMENTS_NOT_AREA_BOUND: dict[str, str] = {}
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
