"""Two engineers report the same link down at the same moment, each in their own connection and
transaction: one outage is made, the other is told which one is open. (The same report made
one after the other, on SQLite too: test_outages.py.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.connectivity.choices import DetectedBy
from degs.connectivity.models import Link, Outage
from degs.connectivity.services import outages as services
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_engineers_at_once_make_one_outage(world, net) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database answers a second connection "table is locked"
        # instead of making it wait; a file database (WAL, IMMEDIATE) makes writers take turns.
        pytest.skip("PostgreSQL only: two connections at once")
    second = UserFactory(username="engineer_a2")
    grant(second, Role.NETWORK_ENGINEER, world.district_a)
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def report(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            link = Link.objects.get(pk=net.link_a1.pk)
            barrier.wait(timeout=10)
            results.append(
                services.outage_open(actor=user, link=link, detected_by=DetectedBy.ENGINEER)
            )
        except Exception as error:  # any other failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=report, args=(uid,)) for uid in (net.engineer_a.pk, second.pk)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    made = [r for r in results if isinstance(r, Outage)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 1, results
    assert f"no. {made[0].pk}" in refused[0].message_dict["link"][0]
    assert Outage.objects.filter(link=net.link_a1).count() == 1
