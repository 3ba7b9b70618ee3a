"""The maintained figures kept incrementally (``values_changed`` + ``refresh_queued`` after each
write) are exactly the rows a full ``rebuild`` makes; and ``refresh`` costs the same number of
queries for a district of 2 panchayats as for one of 30."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from degs.directory.choices import AreaKind
from degs.indicators.choices import Origin
from degs.indicators.models import DataValue, Figure, FigureQueue
from degs.indicators.periods import Period
from degs.indicators.services import figures as service
from tests.factories import make_area

MONTHS = 3
COLUMNS = (
    "indicator_id", "area_id", "period_type", "period_start", "parent_id", "kind", "numerator",
    "denominator", "value", "target", "expected", "reported", "late", "is_demo",
)  # fmt: skip

# element code, level of the areas it is entered for, categories
ELEMENTS = (
    ("pmgdisha_trained", "gp", ("female", "male", "transgender")),
    ("pmgdisha_certified", "gp", ("female", "male")),
    ("fps_total", "block", ("",)),
    ("fps_on_epos", "block", ("",)),
    ("istart_mentees", "district", ("",)),
    ("cameras_working", "district", ("",)),
)

write = st.tuples(
    st.integers(0, len(ELEMENTS) - 1),
    st.integers(0, 9),  # which area of the level
    st.integers(0, MONTHS - 1),  # months back
    st.integers(0, 2),  # which category
    st.one_of(st.none(), st.integers(0, 40)),  # None: remove the value
    st.integers(-20, 40),  # entered this many days after the month's end
    st.booleans(),  # a demo value
)


def rows() -> list[tuple[Any, ...]]:
    return sorted(Figure.objects.values_list(*COLUMNS))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=st.lists(write, min_size=1, max_size=8))
def test_incremental_refreshes_match_a_rebuild(
    world: Any, catalogue: dict[str, Any], writes: list[tuple[Any, ...]]
) -> None:
    levels = {
        "gp": [world.gp_a1, world.gp_b1],
        "block": [world.block_a1, world.block_a2, world.block_b1],
        "district": [world.district_a, world.district_b],
    }
    districts = {
        world.gp_a1.pk: world.district_a,
        world.gp_b1.pk: world.district_b,
        world.block_a1.pk: world.district_a,
        world.block_a2.pk: world.district_a,
        world.block_b1.pk: world.district_b,
        world.district_a.pk: world.district_a,
        world.district_b.pk: world.district_b,
    }
    this_month = Period.current()
    with transaction.atomic():
        service.rebuild(months=MONTHS)
        for index, which, back, category, value, days, demo in writes:
            code, level, categories = ELEMENTS[index]
            element = catalogue[f"element:{code}"]
            area = levels[level][which % len(levels[level])]
            district = districts[area.pk]
            period = this_month.previous(back)
            key = {
                "element": element,
                "area": area,
                "period_type": period.type,
                "period_start": period.start,
                "category": categories[category % len(categories)],
            }
            if value is None:
                DataValue.objects.filter(**key).delete()
            else:
                entered = timezone.make_aware(
                    dt.datetime.combine(period.end + dt.timedelta(days=days), dt.time(11))
                )
                DataValue.objects.update_or_create(
                    **key,
                    defaults={
                        "district": district,
                        "value": Decimal(value),
                        "origin": Origin.FORM,
                        "entered_at": entered,
                        "is_demo": demo,
                    },
                )
            service.values_changed([(district.pk, element.pk, period)])
            service.refresh_queued()
        assert not FigureQueue.objects.exists()
        incremental = rows()
        Figure.objects.all().delete()
        service.rebuild(months=MONTHS)
        assert rows() == incremental
        transaction.set_rollback(True)


def _district_of_size(world: Any, catalogue: dict[str, Any], panchayats: int) -> Any:
    district = make_area(AreaKind.DISTRICT, f"District of {panchayats}", world.state)
    trained = catalogue["element:pmgdisha_trained"]
    epos = catalogue["element:fps_on_epos"]
    month = Period.month(2025, 4)
    for b in range(2):
        block = make_area(AreaKind.BLOCK, f"Block {panchayats}-{b}", district)
        DataValue.objects.create(
            element=epos,
            area=block,
            district=district,
            period_type=month.type,
            period_start=month.start,
            value=3,
            origin=Origin.FORM,
        )
        for g in range(panchayats // 2):
            gp = make_area(AreaKind.GRAM_PANCHAYAT, f"GP {panchayats}-{b}-{g}", block)
            for category in ("female", "male"):
                DataValue.objects.create(
                    element=trained,
                    area=gp,
                    district=district,
                    period_type=month.type,
                    period_start=month.start,
                    category=category,
                    value=g,
                    origin=Origin.FORM,
                )
    return district


@pytest.mark.parametrize("panchayats", [2, 30])
def test_refresh_queries_do_not_grow_with_the_areas(
    world: Any, catalogue: dict[str, Any], django_assert_max_num_queries: Any, panchayats: int
) -> None:
    district = _district_of_size(world, catalogue, panchayats)
    month = Period.month(2025, 4)
    # PostgreSQL writes the rows in one INSERT; SQLite in batches of at most 999 parameters
    # (about 58 rows), so there only the other queries are bounded.
    bound = 24 if connection.vendor == "postgresql" else 1000
    with django_assert_max_num_queries(bound) as captured:
        written = service.refresh(district, [month, *month.containing()])
    others = [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith('INSERT INTO "indicators_figure"')
    ]
    assert len(others) <= 23
    # Every panchayat, block, the district and the state, for each of the three periods.
    trained = catalogue["indicator:pmgdisha_trained"]
    assert Figure.objects.filter(
        indicator=trained, area__path__startswith=district.path
    ).count() == 3 * (panchayats + 2 + 1)
    assert written > 0
    total = sum(g for g in range(panchayats // 2)) * 2 * 2
    assert (
        Figure.objects.get(
            indicator=trained,
            area=district,
            period_type="quarter",
            period_start=dt.date(2025, 4, 1),
        ).value
        == total
    )
