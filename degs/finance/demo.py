"""The finance app's demo data: each part's ``load`` in turn (``degs/finance/demos/``). Loading it
again changes nothing."""

from __future__ import annotations

from degs.finance.demos import ledger, receipts, statements


def load() -> list[str]:
    lines: list[str] = []
    for part in (
        ledger,
        receipts,
        statements,
    ):
        lines += part.load()
    return lines
