"""Two engineers take the same ticket on at the same moment, each in their own connection and
transaction: one owns it, the other is told who changed it (PostgreSQL)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.assets.models import Ticket
from degs.assets.services import tickets as svc
from degs.core.exceptions import StaleVersion
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_engineers_take_the_same_ticket(world, kit) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: two connections at once")
    second = UserFactory(username="engineer_a2", full_name="Engineer A2")
    grant(second, Role.NETWORK_ENGINEER, world.district_a)
    ticket = svc.ticket_open(
        actor=world.bdo_a1, title="No picture", priority=kit.p1, asset=kit.projector_a1
    )
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def take(user_id: int) -> None:
        try:
            user = User.objects.get(pk=user_id)
            row = Ticket.objects.get(pk=ticket.pk)
            barrier.wait(timeout=10)
            results.append(svc.ticket_own(actor=user, ticket=row, version=1))
        except Exception as error:  # any other failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(u,)) for u in (kit.engineer_a.pk, second.pk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    owned = [r for r in results if isinstance(r, Ticket)]
    refused = [r for r in results if isinstance(r, StaleVersion)]
    assert len(owned) == 1 and len(refused) == 1, results
    assert refused[0].extra["by"] == owned[0].owner
    ticket.refresh_from_db()
    assert ticket.owner == owned[0].owner and ticket.version == 2
