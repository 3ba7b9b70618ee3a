"""Two accountants pay the same procurement case at the same moment, each from the page they
opened at version 1, in their own connection and transaction: one payment is posted, the other
is told who paid and when (the case's version moved on). (One after the other, on SQLite too:
test_payments.py.)"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection

from degs.accounts.models import User
from degs.assets.choices import CaseStatus, Route
from degs.assets.models import CaseEvent, ProcurementCase
from degs.core.exceptions import StaleVersion
from degs.finance.choices import EntryKind
from degs.finance.models import Entry
from degs.finance.services import payments as services
from degs.finance.services.ledger import entry_post
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_accountants_paying_one_case_make_one_payment(world, fund) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: two connections at once")
    second = UserFactory(username="accountant_a2", full_name="Accountant A2")
    grant(second, "accountant", world.district_a)
    entry_post(
        actor=fund.accountant_a,
        district=world.district_a,
        date=dt.date(2026, 5, 31),
        kind=EntryKind.RECEIPT,
        narration="Share of user charges",
        legs=[
            (fund.accounts["1100"], fund.uc_a, 20_000_000),
            (fund.accounts["4100"], fund.uc_a, -20_000_000),
        ],
    )
    case = ProcurementCase.objects.create(
        area=world.district_a,
        title="Projector for the DC's VC room",
        quantity=1,
        estimated_paise=12_500_000,
        route=Route.L1,
        status=CaseStatus.DELIVERED,
        order_paise=12_000_000,
    )
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def pay(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            barrier.wait(timeout=10)
            results.append(
                services.payment_make(
                    actor=user,
                    district=world.district_a,
                    head=fund.uc_a,
                    expense=fund.accounts["5100"],
                    date=dt.date(2026, 6, 1),
                    amount_paise=12_000_000,
                    payee="Jharkhand Digital Supplies",
                    procurement=case,
                    version=1,
                )
            )
        except Exception as error:  # any other failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=pay, args=(uid,)) for uid in (fund.accountant_a.pk, second.pk)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    made = [r for r in results if isinstance(r, Entry)]
    refused = [r for r in results if isinstance(r, StaleVersion)]
    assert len(made) == 1 and len(refused) == 1, results
    payer = made[0].posted_by
    assert f"{payer.full_name} changed this at" in str(refused[0].message)
    assert Entry.objects.filter(kind=EntryKind.PAYMENT).count() == 1
    assert CaseEvent.objects.filter(case=case, action="paid").count() == 1
    assert ProcurementCase.objects.get(pk=case.pk).version == 2
