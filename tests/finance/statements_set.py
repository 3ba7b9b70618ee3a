"""A small set of postings worked by hand, for the statement, certificate and overview tests.

District A's ``grant`` head, financial year 2025-26:
  01-05-2025 sanction S-1/2025 of ₹ 10,00,000 (non-recurring)
  10-05-2025 grant received against S-1:             + 1,00,00,000 paise (₹ 10,00,000.00)
  15-08-2025 equipment bought:                        -   35,00,000 paise (₹ 3,50,000.00)
  20-09-2025 maintenance:                             -    25,00,050 paise (₹ 25,000.50)
  01-03-2026 transfer from the ``uc`` head:           +    10,00,000 paise (₹ 10,000.00)
  31-03-2026 interest:                                +    12,34,567 paise (₹ 12,345.67)
  closing:  1,00,00,000 - 35,00,000 - 25,00,050 + 10,00,000 + 12,34,567 = 6,47,34,517 paise.
2026-27:
  01-04-2026 sanction S-2/2026 of ₹ 2,00,000 (recurring); 05-04-2026 received in full
  10-06-2026 office expenses ₹ 10,000; 12-06-2026 a payment of ₹ 1,000, reversed 13-06-2026
  30-09-2026 interest ₹ 5,000
The ``uc`` head: 15-04-2025 user charges ₹ 50,000, less the ₹ 10,000 transferred on 01-03-2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from degs.finance.models import Sanction
from degs.finance.services.ledger import entry_post, entry_reverse

D = dt.date


def post(fund, world, day, kind, legs, sanction=None):  # type: ignore[no-untyped-def]
    a = fund.accounts
    return entry_post(
        actor=None,
        district=world.district_a,
        date=day,
        kind=kind,
        narration=f"{kind} {day}",
        legs=[(a[code], head, paise) for code, head, paise in legs],
        sanction=sanction,
    )


@pytest.fixture(name="posted")
def posted_set(fund, world):  # type: ignore[no-untyped-def]
    g, u = fund.grant_a, fund.uc_a
    s1 = Sanction.objects.create(
        district=world.district_a,
        head=g,
        number="S-1/2025",
        date=D(2025, 5, 1),
        grantor="State IT Department",
        amount_paise=100_000_000,
    )
    s2 = Sanction.objects.create(
        district=world.district_a,
        head=g,
        number="S-2/2026",
        date=D(2026, 4, 1),
        grantor="State IT Department",
        amount_paise=20_000_000,
        recurring=True,
    )
    post(fund, world, D(2025, 4, 15), "receipt", [("1100", u, 5_000_000), ("4100", u, -5_000_000)])
    post(
        fund,
        world,
        D(2025, 5, 10),
        "receipt",
        [("1100", g, 100_000_000), ("4200", g, -100_000_000)],
        sanction=s1,
    )
    post(
        fund, world, D(2025, 8, 15), "payment", [("5100", g, 35_000_000), ("1100", g, -35_000_000)]
    )
    post(fund, world, D(2025, 9, 20), "payment", [("5200", g, 2_500_050), ("1100", g, -2_500_050)])
    post(
        fund,
        world,
        D(2026, 3, 1),
        "transfer",
        [
            ("3000", u, 1_000_000),
            ("1100", u, -1_000_000),
            ("1100", g, 1_000_000),
            ("3000", g, -1_000_000),
        ],
    )
    post(fund, world, D(2026, 3, 31), "receipt", [("1100", g, 1_234_567), ("4300", g, -1_234_567)])
    post(
        fund,
        world,
        D(2026, 4, 5),
        "receipt",
        [("1100", g, 20_000_000), ("4200", g, -20_000_000)],
        sanction=s2,
    )
    post(fund, world, D(2026, 6, 10), "payment", [("5300", g, 1_000_000), ("1100", g, -1_000_000)])
    mistaken = post(
        fund, world, D(2026, 6, 12), "payment", [("5300", g, 100_000), ("1100", g, -100_000)]
    )
    entry_reverse(actor=None, entry=mistaken, date=D(2026, 6, 13), reason="Paid twice")
    post(fund, world, D(2026, 9, 30), "receipt", [("1100", g, 500_000), ("4300", g, -500_000)])
    return s1, s2
