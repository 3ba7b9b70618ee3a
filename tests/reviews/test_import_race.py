"""Two imports remember the same addressee for one district at the same moment, each in its
own connection and transaction: both look for the district's row, find none, and write it. The
unique constraint refuses the second row; that writer then confirms the first's, and neither
fails. (One after the other, on SQLite too: test_import_sources.py.)

Two imports of one district's committees do not get here together today: ``meeting_import``
locks the committee's row with its area, which on PostgreSQL locks the district's row too. The
memory's writer does not count on that."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from degs.accounts.models import User
from degs.directory.models import Area, Post
from degs.reviews import services
from degs.reviews.models import AddresseePost

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_writers_of_one_addressee_at_once_both_stand(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database answers a second connection "table is locked"
        # instead of making it wait; a file database (WAL, IMMEDIATE) makes writers take turns.
        pytest.skip("PostgreSQL only: two connections at once")
    post_pk = Post.objects.get(designation__code="csc_dm", area=world.district_a).pk
    barrier = threading.Barrier(2)
    look = services._remembered
    looked: list[Any] = []

    def look_then_wait(district: Any, key: str) -> Any:
        found = look(district, key)
        looked.append(found)
        if len(looked) <= 2:
            barrier.wait(timeout=20)  # both have looked before either writes
        return found

    monkeypatch.setattr(services, "_remembered", look_then_wait)
    results: list[Any] = []

    def remember(user_pk: int, phrase: str) -> None:
        try:
            results.append(
                services.addressee_remember(
                    actor=User.objects.get(pk=user_pk),
                    district=Area.objects.get(pk=world.district_a.pk),
                    phrase=phrase,
                    post=Post.objects.get(pk=post_pk),
                )
            )
        except Exception as error:  # any failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=remember, args=(world.dio_a.pk, "the LDM")),
        threading.Thread(target=remember, args=(world.dc_a.pk, "The LDM.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2 and all(isinstance(r, AddresseePost) for r in results), results
    assert looked[:2] == [None, None]  # both found nothing: the race was run
    row = AddresseePost.objects.get()
    assert (row.key, row.post_id, row.times) == ("the ldm", post_pk, 2)
    assert row.history.count() == 2
