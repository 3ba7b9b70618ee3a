"""Applications are scoped by the user's districts named as values (``degs.core.scoping``): the
query carries the district keys themselves, read once per generation of reference data, and a
district added since is scoped in at once."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from degs.accounts.roles import Role
from degs.applications.models import Application
from degs.core.scoping import district_path, path_key
from degs.directory.models import Area, AreaKind
from tests.applications.scope import _application
from tests.factories import UserFactory, grant, make_area


def _names(user: Any) -> set[str]:
    return set(Application.objects.visible_to(user).values_list("applicant_name", flat=True))


def test_the_state_administrator_is_scoped_by_district_keys(world) -> None:  # type: ignore[no-untyped-def]
    _application(world.block_a1, "a1")
    _application(world.block_b1, "b1")
    sql = str(Application.objects.visible_to(world.state_admin).query)
    assert "directory_area" not in sql  # no subquery on the areas: the keys are in the query
    assert f"{world.district_a.pk}" in sql
    assert f"{world.district_b.pk}" in sql
    assert _names(world.state_admin) == {"Applicant a1", "Applicant b1"}
    assert _names(world.dc_a) == {"Applicant a1"}
    assert _names(world.bdo_b1) == {"Applicant b1"}


def _area_reads(user: Any) -> int:
    """How many queries ``_names(user)`` makes of the areas' table itself (a subquery on it
    inside the applications' query, for an area below the district, is not one)."""
    with CaptureQueriesContext(connection) as made:
        _names(user)
    tables = [re.search(r' FROM "(\w+)"', q["sql"]) for q in made.captured_queries]
    return sum(t is not None and t.group(1) == "directory_area" for t in tables)


def test_a_districts_officers_are_scoped_without_reading_the_areas(world) -> None:  # type: ignore[no-untyped-def]
    _application(world.block_a1, "a1")
    for user in (world.dc_a, world.bdo_a1):
        assert _names(user) == {"Applicant a1"}
        assert _area_reads(user) == 0  # the district's key is read from the area's path


def test_a_district_added_later_is_seen_at_once(world) -> None:  # type: ignore[no-untyped-def]
    _application(world.block_a1, "a1")
    assert _area_reads(world.state_admin) == 1  # the state's districts
    assert _area_reads(world.state_admin) == 0  # from the memo
    assert _names(world.state_admin) == {"Applicant a1"}
    district_c = make_area(AreaKind.DISTRICT, "District C", world.state)
    block_c1 = make_area(AreaKind.BLOCK, "Block C1", district_c)
    _application(block_c1, "c1")
    assert _names(world.state_admin) == {"Applicant a1", "Applicant c1"}
    assert _names(world.dc_a) == {"Applicant a1"}


def test_a_user_with_no_district_sees_nothing(world) -> None:  # type: ignore[no-untyped-def]
    _application(world.block_a1, "a1")
    other_state = make_area(AreaKind.STATE, "Other State", lgd_code="98")
    someone = UserFactory(username="other_state_admin")
    grant(someone, Role.STATE_ADMIN, other_state)
    assert _names(someone) == set()


def test_an_areas_path_ends_in_its_key(world) -> None:  # type: ignore[no-untyped-def]
    for area in Area.objects.all():
        assert path_key(area.path) == area.pk
        if area.depth >= 1:
            district = area if area.depth == 1 else area.ancestors()[1]
            assert path_key(district_path(area.path)) == district.pk
    assert path_key(district_path(world.village_a1.path)) == world.district_a.pk
