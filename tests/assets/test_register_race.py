"""Two managers add equipment of one category in one district at the same moment, each in
their own connection and transaction: the district's row lock makes them take turns, so the
tags differ and follow each other. (One after the other, on SQLite too: test_register.py.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from degs.accounts.models import User
from degs.assets.choices import Funding
from degs.assets.models import Asset
from degs.assets.services.register import assets_add_many

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_managers_at_once_get_different_tags(world, kit) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: two connections at once")
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def add(user_id: int, office_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            office = type(world.office_a1).objects.select_related("area").get(pk=office_id)
            barrier.wait(timeout=10)
            results.append(
                assets_add_many(
                    actor=user, count=3, model=kit.epson, office=office, funding=Funding.OTHER
                )
            )
        except Exception as error:  # any failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=add, args=(world.dio_a.pk, world.office_a1.pk)),
        threading.Thread(target=add, args=(world.dc_a.pk, world.office_a2.pk)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(isinstance(r, list) for r in results), results
    tags = sorted(a.tag for a in Asset.objects.filter(tag__startswith="DIS-PROJECTOR-"))
    assert tags == [f"DIS-PROJECTOR-{n:04d}" for n in range(1, 7)]
