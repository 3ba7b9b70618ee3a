"""The issue's first test: after 10,000 random postings and reversals (receipts, payments —
some refused for want of money —, transfers between heads, journals of several lines, reversals
of random earlier entries, a month closed half way) the trial balance's totals are equal, each
head's balance is the sum of its money legs added up here in Python from the Leg rows, and
MonthTotal holds exactly the legs' aggregate per month, account and head."""

from __future__ import annotations

import datetime as dt
import os
import random
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from degs.finance.choices import EntryKind
from degs.finance.models import Entry, Leg, MonthTotal
from degs.finance.selectors.ledger import head_balance, trial_balance
from degs.finance.services.ledger import entry_post, entry_reverse, month_close

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)
# The 10,000 on SQLite; on PostgreSQL (a server round trip per statement) a thousand
# check the same rules there without holding up the suite (LEDGER_OPERATIONS sets another count).
LEDGER_OPERATIONS = os.environ.get("LEDGER_OPERATIONS", "")


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def test_ten_thousand_random_operations_keep_the_books(fund, world) -> None:  # type: ignore[no-untyped-def]
    on_sqlite = connection.vendor == "sqlite"
    operations = int(LEDGER_OPERATIONS or (10_000 if on_sqlite else 1_000))
    rng = random.Random(17)
    district = world.district_a
    acc = fund.accounts
    heads = [fund.uc_a, fund.grant_a]
    money = [acc["1100"], acc["1200"]]
    income = [acc["4100"], acc["4200"], acc["4300"]]
    expense = [acc["5100"], acc["5200"], acc["5300"]]
    # the model kept here, independently of the service: money per head and per money account
    expected: dict[int, int] = defaultdict(int)
    by_account: dict[tuple[int, int], int] = defaultdict(int)
    posted: list[tuple[Entry, list[tuple]]] = []
    reversed_ids: set[int] = set()
    refused = reversals = 0
    first_day = dt.date(2026, 4, 1)

    def post(kind: str, legs: list[tuple]) -> None:
        nonlocal refused
        day = first_day + dt.timedelta(days=rng.randrange((TODAY - first_day).days + 1))
        outflow: dict[int, int] = defaultdict(int)
        for account, head, amount in legs:
            if account.is_money:
                outflow[head.pk] += amount
        short = any(expected[h] + d < 0 for h, d in outflow.items())
        try:
            entry = entry_post(
                actor=None, district=district, date=day, kind=kind, narration=kind, legs=legs
            )
        except ValidationError as error:
            assert short, error
            assert "has ₹" in error.messages[0]
            refused += 1
            return
        assert not short
        for account, head, amount in legs:
            if account.is_money:
                expected[head.pk] += amount
                by_account[account.pk, head.pk] += amount
        posted.append((entry, legs))

    for step in range(operations):
        if step == operations // 2:
            month_close(actor=None, district=district, month=dt.date(2026, 4, 1))
            first_day = dt.date(2026, 5, 1)
        head = rng.choice(heads)
        amount = rng.randrange(1, 10_000_000)
        choice = rng.random()
        if choice < 0.35:
            post(
                EntryKind.RECEIPT,
                [(rng.choice(money), head, amount), (rng.choice(income), head, -amount)],
            )
        elif choice < 0.65:
            # some payments go beyond the head's money and are refused
            big = amount * rng.choice([1, 1, 1, 5])
            post(
                EntryKind.PAYMENT,
                [(rng.choice(expense), head, big), (rng.choice(money), head, -big)],
            )
        elif choice < 0.75:
            other = heads[1] if head is heads[0] else heads[0]
            post(
                EntryKind.TRANSFER,
                [
                    (acc["3000"], head, amount),
                    (acc["1100"], head, -amount),
                    (acc["1100"], other, amount),
                    (acc["3000"], other, -amount),
                ],
            )
        elif choice < 0.85:
            a, b = rng.randrange(1, amount + 1), amount
            post(
                EntryKind.JOURNAL,
                [
                    (rng.choice(expense), head, a),
                    (rng.choice(expense), head, b),
                    (rng.choice(income), head, -(a + b)),
                ],
            )
        elif posted:
            entry, legs = posted[rng.randrange(len(posted))]
            if entry.pk in reversed_ids:
                with pytest.raises(ValidationError, match="already reversed"):
                    entry_reverse(actor=None, entry=entry, reason="again")
                continue
            negated = [(a, h, -x) for a, h, x in legs]
            try:
                entry_reverse(actor=None, entry=entry, reason="mistake")
            except ValidationError as error:
                assert "has ₹" in error.messages[0]
                assert any(
                    expected[h.pk] + sum(x for a, hh, x in negated if a.is_money and hh == h) < 0
                    for _a, h, _x in negated
                )
                refused += 1
                continue
            for account, head_, x in negated:
                if account.is_money:
                    expected[head_.pk] += x
                    by_account[account.pk, head_.pk] += x
            reversed_ids.add(entry.pk)
            reversals += 1
    assert refused > operations // 200 and reversals > operations // 20, (refused, reversals)

    totals = trial_balance(district)
    assert totals.debit == totals.credit
    assert sum(r.debit - r.credit for r in totals) == 0

    legs = list(
        Leg.objects.filter(entry__district=district).values_list(
            "account_id", "head_id", "amount_paise", "entry__date", "entry__posted"
        )
    )
    assert all(row[4] for row in legs)
    money_ids = {a.pk for a in money}
    for head in heads:
        from_legs = sum(x for a, h, x, _d, _p in legs if h == head.pk and a in money_ids)
        assert head_balance(head) == from_legs == expected[head.pk]
        assert from_legs >= 0
    month_legs: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for a, h, x, d, _p in legs:
        cell = month_legs[d.replace(day=1), a, h]
        cell[0 if x > 0 else 1] += abs(x)
    stored = {
        (m.month, m.account_id, m.head_id): [m.debit_paise, m.credit_paise]
        for m in MonthTotal.objects.filter(district=district)
    }
    assert stored == dict(month_legs)
    # the balance at a day inside a month (month totals before it plus its legs to the day)
    day = dt.date(2026, 5, 17)
    for head in heads:
        upto = sum(x for a, h, x, d, _p in legs if h == head.pk and a in money_ids and d <= day)
        assert head_balance(head, on=day) == upto
