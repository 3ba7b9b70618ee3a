"""The issue's second test: written around the application, in plain SQL, the database itself
refuses an unbalanced posting, a leg added to a posted entry, an edit and a delete of a posted
entry and a change of its legs (an IntegrityError on SQLite and on PostgreSQL), and the trial
balance is still even after (migration 0002_ledger_guards)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from degs.finance.choices import EntryKind
from degs.finance.models import Entry, Leg, MonthTotal
from degs.finance.selectors.ledger import head_balance, trial_balance
from degs.finance.services.ledger import entry_post

pytestmark = pytest.mark.django_db


def _sql(statement: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def posted(fund, world):  # type: ignore[no-untyped-def]
    acc = fund.accounts
    return entry_post(
        actor=fund.accountant_a,
        district=world.district_a,
        date=timezone.localdate(),
        kind=EntryKind.RECEIPT,
        narration="Grant instalment",
        legs=[(acc["1100"], fund.grant_a, 50_000_00), (acc["4200"], fund.grant_a, -50_000_00)],
    )


def _unposted(fund, world, amounts):  # type: ignore[no-untyped-def]
    acc = fund.accounts
    entry = Entry.objects.create(
        district=world.district_a,
        number=999,
        date=timezone.localdate(),
        kind=EntryKind.JOURNAL,
        narration="typed in by hand",
    )
    for code, amount in amounts:
        Leg.objects.create(entry=entry, account=acc[code], head=fund.uc_a, amount_paise=amount)
    return entry


def _even(world) -> None:  # type: ignore[no-untyped-def]
    totals = trial_balance(world.district_a)
    assert totals.debit == totals.credit == 50_000_00


def test_unbalanced_posting_refused(fund, world, posted) -> None:  # type: ignore[no-untyped-def]
    entry = _unposted(fund, world, [("1100", 700), ("4100", -600)])
    with pytest.raises(IntegrityError, match="sum to zero"):
        _sql("UPDATE finance_entry SET posted = %s WHERE id = %s", [True, entry.pk])
    # balanced in all but not per head: refused too
    acc = fund.accounts
    Leg.objects.create(entry=entry, account=acc["4100"], head=fund.grant_a, amount_paise=-100)
    with pytest.raises(IntegrityError, match="sum to zero"):
        _sql("UPDATE finance_entry SET posted = %s WHERE id = %s", [True, entry.pk])
    assert not Entry.objects.get(pk=entry.pk).posted
    assert not MonthTotal.objects.filter(head=fund.uc_a).exists()
    _even(world)


def test_inserted_posted_adds_month_totals_and_balanced_post_passes(fund, world, posted) -> None:  # type: ignore[no-untyped-def]
    entry = _unposted(fund, world, [("1100", 700), ("4100", -700)])
    _sql("UPDATE finance_entry SET posted = %s WHERE id = %s", [True, entry.pk])
    assert head_balance(fund.uc_a) == 700
    total = MonthTotal.objects.get(head=fund.uc_a, account=fund.accounts["4100"])
    assert (total.debit_paise, total.credit_paise) == (0, 700)


def test_leg_added_to_posted_entry_refused(fund, world, posted) -> None:  # type: ignore[no-untyped-def]
    acc = fund.accounts
    with pytest.raises(IntegrityError, match="legs of a posted entry"):
        _sql(
            "INSERT INTO finance_leg (entry_id, account_id, head_id, amount_paise) VALUES (%s, %s, %s, %s)",
            [posted.pk, acc["1100"].pk, fund.grant_a.pk, 100],
        )
    assert posted.legs.count() == 2
    _even(world)


def test_leg_of_posted_entry_changed_or_deleted_refused(fund, world, posted) -> None:  # type: ignore[no-untyped-def]
    leg = posted.legs.order_by("pk").first()
    with pytest.raises(IntegrityError, match="legs of a posted entry"):
        _sql("UPDATE finance_leg SET amount_paise = %s WHERE id = %s", [1, leg.pk])
    with pytest.raises(IntegrityError, match="legs of a posted entry"):
        _sql("DELETE FROM finance_leg WHERE id = %s", [leg.pk])
    assert Leg.objects.get(pk=leg.pk).amount_paise == 50_000_00
    _even(world)


def test_posted_entry_edit_refused(fund, world, posted) -> None:  # type: ignore[no-untyped-def]
    edits = [
        ("date", dt.date(2026, 1, 1)),
        ("number", 77),
        ("kind", EntryKind.JOURNAL.value),
        ("posted", False),
        ("district_id", world.district_b.pk),
    ]
    for column, value in edits:
        with pytest.raises(IntegrityError, match="never changed or deleted"):
            _sql(f"UPDATE finance_entry SET {column} = %s WHERE id = %s", [value, posted.pk])  # noqa: S608
    # the narration (words, no money) may be corrected
    _sql(
        "UPDATE finance_entry SET narration = %s WHERE id = %s",
        ["Grant, 1st instalment", posted.pk],
    )
    fresh = Entry.objects.get(pk=posted.pk)
    assert (fresh.number, fresh.date, fresh.posted) == (posted.number, posted.date, True)
    _even(world)


def test_posted_entry_delete_refused(fund, world, posted) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError, match="never changed or deleted"):
        _sql("DELETE FROM finance_entry WHERE id = %s", [posted.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.filter(pk=posted.pk).delete()
    assert Entry.objects.filter(pk=posted.pk).exists()
    _even(world)
