"""Two people enter the same figure at the same moment, each in their own connection and
transaction, both having seen no value (version None): one value is kept, the other is told
who entered it and when. (One after the other, on SQLite too: test_values.py.)"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from degs.accounts.models import User
from degs.core.exceptions import StaleVersion
from degs.indicators.models import DataElement, DataValue, DataValueEvent
from degs.indicators.periods import Period
from degs.indicators.services.values import value_set

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_entries_at_once_keep_one_and_tell_the_other(world, catalogue) -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database answers a second connection "table is locked"
        # instead of making it wait; a file database (WAL, IMMEDIATE) makes writers take turns.
        pytest.skip("PostgreSQL only: two connections at once")
    element_pk = catalogue["element:fps_total"].pk
    period = Period.current().previous()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def enter(user_id: int, number: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            element = DataElement.objects.get(pk=element_pk)
            area = type(world.block_a1).objects.get(pk=world.block_a1.pk)
            barrier.wait(timeout=10)
            results.append(
                value_set(actor=user, element=element, area=area, period=period, value=number)
            )
        except Exception as error:  # any other failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=enter, args=(world.bdo_a1.pk, 11)),
        threading.Thread(target=enter, args=(world.dc_a.pk, 12)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    kept = [r for r in results if isinstance(r, DataValue)]
    told = [r for r in results if isinstance(r, StaleVersion)]
    assert len(kept) == 1 and len(told) == 1, results
    row = DataValue.objects.get()
    assert (row.pk, row.version) == (kept[0].pk, 1)
    winner = "BDO A1" if row.entered_by_id == world.bdo_a1.pk else "DC A"
    assert row.value == (Decimal(11) if winner == "BDO A1" else Decimal(12))
    assert f"{winner} changed this at" in str(told[0].message)
    assert DataValueEvent.objects.count() == 1
