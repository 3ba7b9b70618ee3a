"""The issue's third test, on PostgreSQL (each thread its own connection and transaction):
two payments at once that together exceed a head's money — one posts, the other is refused
naming the balance —, and two reversals of the same entry at once — one reversal, the other
told which entry reversed it. (The same one after the other, on SQLite too: test_ledger.py.)"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from degs.accounts.models import User
from degs.finance.choices import EntryKind
from degs.finance.models import Entry
from degs.finance.selectors.ledger import head_balance, trial_balance
from degs.finance.services.ledger import entry_post, entry_reverse
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(work: Callable[[User], Any], users: list[User]) -> list[Any]:
    barrier = threading.Barrier(len(users))
    results: list[Any] = []

    def run(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            barrier.wait(timeout=10)
            results.append(work(user))
        except Exception as error:  # shown by the caller's assertion
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(u.pk,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def two(fund, world):  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: two connections at once")
    second = UserFactory(username="accountant_a2")
    grant(second, "accountant", world.district_a)
    return [fund.accountant_a, second]


def test_two_payments_at_once_one_is_refused_with_the_balance(fund, world, two) -> None:  # type: ignore[no-untyped-def]
    acc = fund.accounts
    entry_post(
        actor=fund.accountant_a,
        district=world.district_a,
        date=timezone.localdate(),
        kind=EntryKind.RECEIPT,
        narration="User charges",
        legs=[(acc["1100"], fund.uc_a, 1_50_000_00), (acc["4100"], fund.uc_a, -1_50_000_00)],
    )

    def pay(user: User) -> Entry:
        return entry_post(
            actor=user,
            district=world.district_a,
            date=timezone.localdate(),
            kind=EntryKind.PAYMENT,
            narration="Laptop",
            legs=[(acc["5100"], fund.uc_a, 1_00_000_00), (acc["1100"], fund.uc_a, -1_00_000_00)],
        )

    results = _at_once(pay, two)
    made = [r for r in results if isinstance(r, Entry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].messages == [
        "User charges has ₹\u00a050,000.00; this payment is ₹\u00a01,00,000.00."
    ]
    assert head_balance(fund.uc_a) == 50_000_00
    assert sorted(Entry.objects.values_list("number", flat=True)) == [1, 2]
    totals = trial_balance(world.district_a)
    assert totals.debit == totals.credit


def test_two_reversals_at_once_make_one(fund, world, two) -> None:  # type: ignore[no-untyped-def]
    acc = fund.accounts
    entry = entry_post(
        actor=fund.accountant_a,
        district=world.district_a,
        date=timezone.localdate(),
        kind=EntryKind.RECEIPT,
        narration="Interest",
        legs=[(acc["1100"], fund.grant_a, 1_234_56), (acc["4300"], fund.grant_a, -1_234_56)],
    )
    results = _at_once(
        lambda user: entry_reverse(actor=user, entry=entry, reason="Booked to the wrong head"),
        two,
    )
    made = [r for r in results if isinstance(r, Entry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].messages == [
        f"Entry no. 1 was already reversed by entry no. {made[0].number}."
    ]
    assert Entry.objects.filter(reverses=entry).count() == 1
    assert head_balance(fund.grant_a) == 0
