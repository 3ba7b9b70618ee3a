"""The ledger's services and selectors: posting, refusals in words, reversal, month close,
balances (docs/finance.md, "The ledger")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.core.exceptions import PermissionDenied
from degs.finance.choices import EntryKind
from degs.finance.models import Entry, Leg, MonthClose, MonthTotal
from degs.finance.selectors.ledger import head_balance, head_balances, trial_balance
from degs.finance.services.ledger import entry_post, entry_reverse, month_close

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def receive(fund, amount, *, head=None, date=dt.date(2026, 4, 10), **kw):  # type: ignore[no-untyped-def]
    head = head or fund.uc_a
    acc = fund.accounts
    return entry_post(
        actor=fund.accountant_a,
        district=head.district,
        date=date,
        kind=EntryKind.RECEIPT,
        narration="User charges for March",
        legs=[(acc["1100"], head, amount), (acc["4100"], head, -amount)],
        **kw,
    )


def pay(fund, amount, *, head=None, date=dt.date(2026, 5, 10), **kw):  # type: ignore[no-untyped-def]
    head = head or fund.uc_a
    acc = fund.accounts
    return entry_post(
        actor=fund.accountant_a,
        district=head.district,
        date=date,
        kind=EntryKind.PAYMENT,
        narration="Printer toner",
        legs=[(acc["5300"], head, amount), (acc["1100"], head, -amount)],
        **kw,
    )


def test_post_numbers_and_totals(fund):  # type: ignore[no-untyped-def]
    first = receive(fund, 12_345_678)
    second = pay(fund, 2_345_678)
    assert (first.number, second.number) == (1, 2)
    assert Entry.objects.get(pk=first.pk).posted
    assert head_balance(fund.uc_a) == 10_000_000
    # at the end of 30 April only the receipt; on 9 May (inside May, before the payment) too
    assert head_balance(fund.uc_a, on=dt.date(2026, 4, 30)) == 12_345_678
    assert head_balance(fund.uc_a, on=dt.date(2026, 5, 9)) == 12_345_678
    assert head_balance(fund.uc_a, on=dt.date(2026, 5, 10)) == 10_000_000
    april = MonthTotal.objects.get(
        head=fund.uc_a, account=fund.accounts["1100"], month=dt.date(2026, 4, 1)
    )
    assert (april.debit_paise, april.credit_paise) == (12_345_678, 0)
    tb = trial_balance(fund.book_a.district)
    assert tb.debit == tb.credit == 12_345_678  # bank 1,00,000 + office 23,456.78 = UC 1,23,456.78
    assert {r.account.code: (r.debit, r.credit) for r in tb} == {
        "1100": (10_000_000, 0),
        "5300": (2_345_678, 0),
        "4100": (0, 12_345_678),
    }


def test_payment_beyond_balance_names_it(fund):  # type: ignore[no-untyped-def]
    receive(fund, 12_345_678)
    with pytest.raises(ValidationError) as refused:
        pay(fund, 20_000_000)
    assert (
        "User charges has ₹\u00a01,23,456.78; this payment is ₹\u00a02,00,000.00."
        in refused.value.messages
    )
    assert Entry.objects.count() == 1


def test_refusals_in_words(fund):  # type: ignore[no-untyped-def]
    acc = fund.accounts
    cases = [
        ([(acc["1100"], fund.uc_a, 100)], "at least two lines"),
        ([(acc["1100"], fund.uc_a, 100), (acc["4100"], fund.uc_a, 0)], "Line 2 has no amount"),
        ([(acc["1100"], fund.uc_a, 100), (acc["4100"], fund.uc_a, -90)], "do not balance"),
        ([(acc["1100"], fund.uc_a, 100), (acc["4100"], fund.grant_a, -100)], "do not balance"),
        ([(acc["1100"], fund.uc_b, 100), (acc["4100"], fund.uc_b, -100)], "not of this society"),
    ]
    for legs, words in cases:
        with pytest.raises(ValidationError, match=words):
            entry_post(
                actor=fund.accountant_a,
                district=fund.book_a.district,
                date=TODAY,
                kind=EntryKind.JOURNAL,
                narration="x",
                legs=legs,
            )
    with pytest.raises(ValidationError, match="in the future"):
        receive(fund, 100, date=TODAY + dt.timedelta(days=1))
    assert not Entry.objects.exists()


def test_source_key_posts_once(fund):  # type: ignore[no-untyped-def]
    one = receive(fund, 500, source_key="uc-2026-03")
    two = receive(fund, 500, source_key="uc-2026-03")
    assert one.pk == two.pk and Entry.objects.count() == 1


def test_reverse_once(fund):  # type: ignore[no-untyped-def]
    entry = receive(fund, 1_000)
    back = entry_reverse(actor=fund.accountant_a, entry=entry, reason="Posted twice")
    assert back.kind == EntryKind.REVERSAL and back.reverses_id == entry.pk and back.date == TODAY
    assert sorted(Leg.objects.filter(entry=back).values_list("amount_paise", flat=True)) == [
        -1_000,
        1_000,
    ]
    assert head_balance(fund.uc_a) == 0
    with pytest.raises(ValidationError, match=r"already reversed by entry no\. 2"):
        entry_reverse(actor=fund.accountant_a, entry=entry, reason="again")
    with pytest.raises(ValidationError, match="not reversed itself"):
        entry_reverse(actor=fund.accountant_a, entry=back, reason="again")


def test_month_close(fund, world):  # type: ignore[no-untyped-def]
    district = fund.book_a.district
    receive(fund, 1_000, date=dt.date(2026, 4, 10))
    with pytest.raises(PermissionDenied):
        month_close(actor=fund.accountant_a, district=district, month=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="not over yet"):
        month_close(actor=world.dio_a, district=district, month=TODAY)
    month_close(actor=world.dio_a, district=district, month=dt.date(2026, 4, 20))
    assert MonthClose.objects.get().month == dt.date(2026, 4, 1)
    with pytest.raises(ValidationError, match="04-2026 is closed"):
        receive(fund, 1_000, date=dt.date(2026, 3, 31))
    with pytest.raises(ValidationError, match="already closed"):
        month_close(actor=None, district=district, month=dt.date(2026, 3, 1))
    entry = Entry.objects.get()
    back = entry_reverse(actor=fund.accountant_a, entry=entry, reason="wrong head")
    assert back.date == TODAY
    with pytest.raises(ValidationError, match="is closed"):
        entry_reverse(actor=fund.accountant_a, entry=entry, date=dt.date(2026, 4, 30), reason="x")
    assert {h.code: b for h, b in head_balances(district)} == {"grant": 0, "uc": 0}


def test_account_ledger_running_balance_across_pages(fund):  # type: ignore[no-untyped-def]
    from degs.finance.selectors.ledger import account_ledger

    receive(fund, 10_000, date=dt.date(2026, 4, 5))  # before the period: the opening
    for day in (2, 9, 16):
        receive(fund, 1_000, date=dt.date(2026, 5, day))
    pay(fund, 2_500, date=dt.date(2026, 5, 20))
    district, bank = fund.book_a.district, fund.accounts["1100"]
    start, end = dt.date(2026, 5, 1), dt.date(2026, 5, 31)
    first = account_ledger(district, bank, fund.uc_a, start, end, page=1, per_page=3)
    assert first.opening == 10_000 and first.closing == 10_500
    assert [balance for _leg, balance in first.rows] == [11_000, 12_000, 13_000]
    second = account_ledger(district, bank, fund.uc_a, start, end, page=2, per_page=3)
    assert second.brought_forward == 13_000
    assert [balance for _leg, balance in second.rows] == [10_500]
    # from the middle of a month: the month's legs before the start are in the opening
    mid = account_ledger(district, bank, None, dt.date(2026, 5, 10), end)
    assert mid.opening == 12_000 and [b for _l, b in mid.rows] == [13_000, 10_500]
