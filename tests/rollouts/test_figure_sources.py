"""The rollouts' figure sources (degs/rollouts/selectors/figures.py): targets in the set, done
and late on a period's last day, counted by hand over targets of the test world."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from degs.core.figures import figure_source
from degs.rollouts.choices import ProgrammeKind, ProgrammeStatus
from degs.rollouts.models import Programme, Target

pytestmark = pytest.mark.django_db

d = dt.date


def _programme(code: str, area: Any, status: str = ProgrammeStatus.RUNNING) -> Programme:
    return Programme.objects.create(
        code=code,
        name=code,
        kind=ProgrammeKind.PROJECTOR,
        area=area,
        starts_on=d(2025, 8, 1),
        due_on=d(2025, 9, 20),
        status=status,
    )


@pytest.fixture
def targets(world) -> dict[str, Target]:  # type: ignore[no-untyped-def]
    running = _programme("pa", world.district_a)
    made = {
        # done on 15-09
        "t1": Target(area=world.gp_a1, joined_on=d(2025, 8, 1), done_on=d(2025, 9, 15)),
        # its own due date 25-09, never done
        "t2": Target(area=world.block_a1, joined_on=d(2025, 8, 1), due_on=d(2025, 9, 25)),
        # joined on the period's last day; done after it
        "t3": Target(area=world.block_a2, joined_on=d(2025, 9, 30), done_on=d(2025, 10, 3)),
        # joined the day after the period
        "t4": Target(area=world.village_a1, joined_on=d(2025, 10, 1)),
        # left the set on the period's last day
        "t5": Target(area=world.district_a, joined_on=d(2025, 8, 1), left_on=d(2025, 9, 30)),
    }
    for target in made.values():
        target.programme = running
        target.save()
    # a programme being drawn up counts nothing
    Target.objects.create(
        programme=_programme("draft", world.district_a, ProgrammeStatus.DRAFT),
        area=world.gp_a1,
        joined_on=d(2025, 8, 1),
    )
    made["b"] = Target.objects.create(
        programme=_programme("pb", world.district_b), area=world.gp_b1, joined_on=d(2025, 8, 1)
    )
    return made


def _count(code: str, district: Any, first: dt.date, last: dt.date) -> dict[int, int]:
    source = figure_source(code)
    assert source is not None and source.over_time == "last"
    return {k: int(v) for k, v in source.count(district, first, last).items()}


def test_stock_on_a_past_periods_last_day(world, targets, django_assert_num_queries) -> None:
    gp, a1, a2 = world.gp_a1.pk, world.block_a1.pk, world.block_a2.pk
    first, last = d(2025, 9, 1), d(2025, 9, 30)
    expected = {
        "rollouts.targets": {gp: 1, a1: 1, a2: 1},  # t1 t2 t3
        "rollouts.targets_done": {gp: 1},  # t1
        "rollouts.targets_late": {a1: 1, a2: 1},  # t2 (own date), t3 (programme's date)
    }
    for code, counts in expected.items():
        with django_assert_num_queries(1):
            assert _count(code, world.district_a, first, last) == counts, code


def test_stock_on_an_earlier_periods_last_day(world, targets) -> None:
    first, last = d(2025, 8, 1), d(2025, 8, 31)
    assert _count("rollouts.targets", world.district_a, first, last) == {
        world.gp_a1.pk: 1,
        world.block_a1.pk: 1,
        world.district_a.pk: 1,  # t5 had not left yet
    }
    assert _count("rollouts.targets_done", world.district_a, first, last) == {}
    assert _count("rollouts.targets_late", world.district_a, first, last) == {}


def test_stock_now_for_a_period_not_over(world, targets) -> None:
    today = timezone.localdate()
    first, last = today.replace(day=1), today + dt.timedelta(days=40)
    assert _count("rollouts.targets", world.district_a, first, last) == {
        world.gp_a1.pk: 1,
        world.block_a1.pk: 1,
        world.block_a2.pk: 1,
        world.village_a1.pk: 1,
    }
    assert _count("rollouts.targets_done", world.district_a, first, last) == {
        world.gp_a1.pk: 1,
        world.block_a2.pk: 1,
    }
    assert _count("rollouts.targets_late", world.district_a, first, last) == {
        world.block_a1.pk: 1,
        world.village_a1.pk: 1,
    }


def test_the_other_district_counts_its_own(world, targets) -> None:
    first, last = d(2025, 9, 1), d(2025, 9, 30)
    assert _count("rollouts.targets", world.district_b, first, last) == {world.gp_b1.pk: 1}
    assert _count("rollouts.targets_late", world.district_b, first, last) == {world.gp_b1.pk: 1}
    assert _count("rollouts.targets_done", world.district_b, first, last) == {}
