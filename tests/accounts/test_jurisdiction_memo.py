"""With a shared cache (Redis in production) a user's jurisdiction is kept in the process's
memo; a grant revoked or a holding ended applies to the very next request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from degs.accounts.models import RoleGrant, User
from degs.accounts.roles import Role
from degs.core import memo
from degs.core.scoping import jurisdiction_of
from degs.directory.models import PostHolding
from degs.directory.services import post_holding_end
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(memo, "shared_cache", lambda: True)


def _fresh(user: User) -> User:
    """The user as the next request loads them."""
    return User.objects.get(pk=user.pk)


def test_the_jurisdiction_is_read_once_while_nothing_changes(
    world, shared, django_assert_num_queries
):
    user = UserFactory(username="a.grantee")
    grant(user, Role.DISTRICT_ADMIN, world.district_a)
    assert jurisdiction_of(_fresh(user)).covers(world.block_a1.path)
    again = _fresh(user)
    with django_assert_num_queries(0):
        assert jurisdiction_of(again).covers(world.block_a1.path)


def test_a_revoked_grant_stops_at_the_next_request(world, shared):
    user = UserFactory(username="a.grantee")
    role = grant(user, Role.DISTRICT_ADMIN, world.district_a)
    assert jurisdiction_of(_fresh(user)).covers(world.block_a1.path)
    RoleGrant.objects.filter(pk=role.pk).delete()
    assert not jurisdiction_of(_fresh(user)).covers(world.block_a1.path)


def test_an_ended_holding_stops_at_the_next_request(world, shared):
    user = world.bdo_b1
    holding = PostHolding.objects.get(user=user, post=world.post_bdo_b1)
    assert jurisdiction_of(_fresh(user)).covers(world.block_b1.path)
    post_holding_end(
        actor=None, holding=holding, end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not jurisdiction_of(_fresh(user)).covers(world.block_b1.path)


def test_without_a_shared_cache_every_request_reads_it(world, django_assert_num_queries):
    user = UserFactory(username="a.grantee")
    grant(user, Role.DISTRICT_ADMIN, world.district_a)
    jurisdiction_of(_fresh(user))
    again = _fresh(user)
    with django_assert_num_queries(1):
        jurisdiction_of(again)
