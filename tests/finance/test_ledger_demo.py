"""The demo's books: the trial balance of each society is even after the whole demo (every app
before finance, then finance's parts: the receipts and payments too), and a second load makes
nothing new."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from degs.directory.models import Area
from degs.finance.models import Book, Entry, FundHead, MonthClose
from degs.finance.selectors.ledger import head_balances, trial_balance

pytestmark = pytest.mark.django_db


def test_demo_trial_balance_zero() -> None:
    call_command("load_demo", verbosity=0)
    counts = (
        Book.objects.count(),
        FundHead.objects.count(),
        Entry.objects.count(),
        MonthClose.objects.count(),
    )
    books = list(Book.objects.select_related("district"))
    assert {b.district.name for b in books} >= {"Jamtara", "East Singhbhum"}
    for book in books:
        totals = trial_balance(book.district)
        assert totals.debit == totals.credit > 0
        assert all(balance >= 0 for _head, balance in head_balances(book.district))
    jamtara = Area.objects.get(name="Jamtara", kind="district")
    opening = Entry.objects.get(district=jamtara, source_key="opening-2026-04")
    # 12,45,300.00 + 25,00,000.00 + 38,415.50 brought forward (demos/ledger.py)
    assert (
        sum(leg.amount_paise for leg in opening.legs.all() if leg.amount_paise > 0) == 37_83_715_50
    )
    call_command("load_demo", verbosity=0)
    assert counts == (
        Book.objects.count(),
        FundHead.objects.count(),
        Entry.objects.count(),
        MonthClose.objects.count(),
    )
