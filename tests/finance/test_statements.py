"""The fund statement and the utilisation certificate's figures for a small set of postings
worked by hand (docs/finance.md, "The fund statement" and "The utilisation certificate").

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

import pytest

from degs.finance.selectors.statements import fund_statement, utilisation_certificate
from degs.finance.services.ledger import entry_post
from tests.finance.statements_set import D, posted_set  # noqa: F401  (the fixture "posted")

pytestmark = pytest.mark.django_db


def by_code(lines):  # type: ignore[no-untyped-def]
    return {line.account.code: line.amount for line in lines}


def test_statement_of_a_financial_year(fund, world, posted) -> None:
    statement = fund_statement(world.district_a, D(2025, 4, 1), D(2026, 3, 31))
    grant, uc = (
        next(h for h in statement.heads if h.head == fund.grant_a),
        next(h for h in statement.heads if h.head == fund.uc_a),
    )
    assert grant.opening == 0
    assert by_code(grant.receipts) == {"4100": 0, "4200": 100_000_000, "4300": 1_234_567}
    assert by_code(grant.payments) == {"5100": 35_000_000, "5200": 2_500_050, "5300": 0}
    assert grant.other == 1_000_000
    assert grant.closing == 64_734_517
    assert (uc.opening, uc.receipts_total, uc.payments_total, uc.other, uc.closing) == (
        0,
        5_000_000,
        0,
        -1_000_000,
        4_000_000,
    )
    total = statement.total
    assert (total.opening, total.receipts_total, total.payments_total, total.other) == (
        0,
        106_234_567,
        37_500_050,
        0,
    )
    assert total.closing == 64_734_517 + 4_000_000


def test_next_years_opening_is_the_previous_closing_and_a_quarter(fund, world, posted) -> None:
    statement = fund_statement(world.district_a, D(2026, 4, 1), D(2026, 6, 30))
    grant = next(h for h in statement.heads if h.head == fund.grant_a)
    assert grant.opening == 64_734_517
    assert by_code(grant.receipts)["4200"] == 20_000_000
    # the ₹ 1,000 payment and its reversal net to nothing
    assert by_code(grant.payments) == {"5100": 0, "5200": 0, "5300": 1_000_000}
    assert grant.closing == 64_734_517 + 20_000_000 - 1_000_000
    # one month: September 2026, the interest only
    september = fund_statement(world.district_a, D(2026, 9, 1), D(2026, 9, 30))
    grant = next(h for h in september.heads if h.head == fund.grant_a)
    assert grant.receipts_total == 500_000
    assert grant.closing == 83_734_517 + 500_000


def test_certificate_of_the_grant_year(fund, world, posted) -> None:
    s1, _s2 = posted
    c = utilisation_certificate(fund.grant_a, 2025)
    assert (c.start, c.end, c.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025-26")
    assert (c.opening_cash, c.opening_advances, c.opening_total) == (0, 0, 0)
    assert c.interest_earned == 1_234_567
    assert c.interest_returned == 0
    assert [(s.sanction, s.received) for s in c.sanctions] == [(s1, 100_000_000)]
    assert c.other_receipts == 1_000_000  # the transfer from the uc head
    assert c.available == 0 + 1_234_567 + 100_000_000 + 1_000_000
    assert c.expenditure == 37_500_050
    assert (c.general, c.salary, c.capital) == (2_500_050, 0, 35_000_000)
    assert c.closing == 64_734_517 == c.closing_total
    assert c.recurring is False


def test_certificate_of_the_next_year_opens_with_the_last_closing(fund, world, posted) -> None:
    c = utilisation_certificate(fund.grant_a, 2026)
    assert c.opening_total == 64_734_517
    assert c.interest_earned == 500_000
    assert [(s.number, s.date, s.received) for s in c.sanctions] == [
        ("S-2/2026", D(2026, 4, 1), 20_000_000)
    ]
    assert c.other_receipts == 0
    assert c.available == 64_734_517 + 500_000 + 20_000_000
    assert c.expenditure == 1_000_000 == c.general
    assert c.closing == 84_234_517 == c.closing_cash
    assert c.recurring is True


def _many(fund, world, count: int) -> None:  # type: ignore[no-untyped-def]
    a, g = fund.accounts, fund.grant_a
    entry_post(
        actor=None,
        district=world.district_a,
        date=D(2025, 4, 1),
        kind="receipt",
        narration="Grant",
        legs=[(a["1100"], g, 10**9), (a["4200"], g, -(10**9))],
    )
    for i in range(count):
        entry_post(
            actor=None,
            district=world.district_a,
            date=D(2025, 4 + i % 9, 1 + i % 28),
            kind="payment",
            narration=f"Payment {i}",
            legs=[(a[("5100", "5200", "5300")[i % 3]], g, 100 + i), (a["1100"], g, -(100 + i))],
        )


@pytest.mark.parametrize("count", [10, 200])
def test_the_statement_and_certificate_read_a_fixed_number_of_queries(
    fund, world, django_assert_num_queries, count
) -> None:
    _many(fund, world, count)
    with django_assert_num_queries(4):  # heads, the chart, the month totals, openings
        statement = fund_statement(world.district_a, D(2025, 4, 1), D(2026, 3, 31))
    assert statement.total.payments_total == sum(100 + i for i in range(count))
    with django_assert_num_queries(6):  # chart, totals, openings, sanction legs, sanctions, book
        c = utilisation_certificate(fund.grant_a, 2025)
    assert c.expenditure == sum(100 + i for i in range(count))


def test_balances_brought_forward_open_the_year(fund, world) -> None:
    # a book opened on 1 April 2026 with ₹ 25,000 brought forward (bank) and ₹ 5,000 of an
    # advance, both against the fund account; ₹ 2,000 spent in May
    a, g = fund.accounts, fund.grant_a
    advances, _ = type(a["1100"]).objects.get_or_create(
        code="1300", defaults={"name": "Advances", "name_hi": "अग्रिम", "kind": "asset"}
    )
    entry_post(
        actor=None,
        district=world.district_a,
        date=D(2026, 4, 1),
        kind="opening",
        narration="Balances brought forward",
        legs=[(a["1100"], g, 2_500_000), (advances, g, 500_000), (a["3000"], g, -3_000_000)],
    )
    entry_post(
        actor=None,
        district=world.district_a,
        date=D(2026, 5, 2),
        kind="payment",
        narration="Office",
        legs=[(a["5300"], g, 200_000), (a["1100"], g, -200_000)],
    )
    c = utilisation_certificate(g, 2026)
    assert (c.opening_cash, c.opening_advances, c.opening_total) == (2_500_000, 500_000, 3_000_000)
    assert c.other_receipts == 0 and c.expenditure == 200_000
    assert c.closing == 2_800_000 == c.closing_total
    line = next(
        h
        for h in fund_statement(world.district_a, D(2026, 4, 1), D(2027, 3, 31)).heads
        if h.head == g
    )
    assert (line.opening, line.other, line.closing) == (2_500_000, 0, 2_300_000)


def test_the_database_keeps_what_each_sanction_received_per_month(fund, world) -> None:
    """Grants received against a sanction, and a reversal of one in a later month, as the
    certificate reads them (``SanctionMonth``, written by the database's posting trigger):
    ₹ 5,00,000 in May, ₹ 1,00,000 in June reversed in July: May +5,00,000, June +1,00,000,
    July -1,00,000; the year's total ₹ 5,00,000."""
    from degs.finance.models import Sanction, SanctionMonth
    from degs.finance.services.ledger import entry_reverse

    sanction = Sanction.objects.create(
        district=world.district_a, head=fund.grant_a, number="S-9/2025", date=D(2025, 5, 1),
        grantor="State IT department", amount_paise=100_000_000,
    )  # fmt: skip
    bank, grants = fund.accounts["1100"], fund.accounts["4200"]

    def receive(day, paise):  # type: ignore[no-untyped-def]
        return entry_post(
            actor=fund.accountant_a, district=world.district_a, date=day, kind="receipt",
            narration="grant", legs=[(bank, fund.grant_a, paise), (grants, fund.grant_a, -paise)],
            sanction=sanction,
        )  # fmt: skip

    receive(D(2025, 5, 10), 50_000_000)
    june = receive(D(2025, 6, 10), 10_000_000)
    entry_reverse(actor=fund.accountant_a, entry=june, date=D(2025, 7, 2), reason="twice")
    months = dict(
        SanctionMonth.objects.filter(sanction=sanction).values_list("month", "received_paise")
    )
    assert months == {
        D(2025, 5, 1): 50_000_000,
        D(2025, 6, 1): 10_000_000,
        D(2025, 7, 1): -10_000_000,
    }
    certificate = utilisation_certificate(fund.grant_a, 2025)
    line = next(line for line in certificate.sanctions if line.sanction == sanction)
    assert line.received == 50_000_000
