"""The finance demo's statements part: nothing of its own. The ledger part opens the books on
1 April 2026 with the balances brought forward from 2025-26 (an opening entry), and the
receipts part posts the year's grants, user charges, interest and payments: the fund statement
and the utilisation certificate of 2026-27 read those (the opening entry as the position at
the beginning of the year, item 3 of GFR 12-A)."""

from __future__ import annotations


def load() -> list[str]:
    return []
