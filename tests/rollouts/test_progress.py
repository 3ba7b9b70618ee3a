"""A programme's progress on a day, worked by hand (docs/rollouts.md, "Progress: how it is
counted").

The programme runs 01-01-2026 to 31-03-2026 in district A; milestones weigh 1, 2 and 1 (4 in
all). Its targets:

- T1, block office A1 (block A1): in from 01-01; its steps done 01-02, 20-02 and 10-03, all
  verified: done 10-03, due 31-03 (the programme's): on time;
- T2, block office A2 (block A2): in from 01-01, its own due date 01-03; all three steps done
  15-03: done late;
- T3, panchayat A1 (block A1, no office): in from 01-02; its first step (weight 1) done 10-02 and
  verified, the second submitted (not counted), never done;
- T4, the collectorate (district A, in no block): in from 01-01, closed and out from 05-03.

On 10-04: in the set T1, T2, T3 (3); done T1, T2 (2); due all three (3), on time T1 (1);
overdue T3 (1); weights 4 + 4 + 1 = 9 of 3 x 4 = 12 (75 %). Block A1 (T1, T3): 2 in, 1 done,
1 of 2 on time, 1 overdue, 5 of 8. Block A2 (T2): 1 in, 1 done, 0 of 1 on time, none overdue.

On 01-03: in the set all four (T4 leaves on the 5th); done none; due T2 only (its 01-03), not
done: 0 of 1 on time, not yet overdue (its day has not passed); weights T1 1 + 2 (steps of 01-02
and 20-02), T3 1: 4 of 16 (25 %).

On 05-03: T4 is out: 3 in the set. On 20-03: done T1 and T2 (2), T2 due and late: 0 of 1 on
time, nothing overdue (T2 is done).
"""

from __future__ import annotations

import datetime as dt

from degs.rollouts.choices import (
    EvidenceKind,
    LeftBecause,
    ProgrammeKind,
    ProgrammeStatus,
    StepStatus,
)
from degs.rollouts.models import Milestone, Programme, Step, Target
from degs.rollouts.selectors.progress import programme_progress

D = dt.date


def _programme(world):  # type: ignore[no-untyped-def]
    programme = Programme.objects.create(
        code="phones-a",
        name="IP phones",
        kind=ProgrammeKind.IP_PHONE,
        area=world.district_a,
        starts_on=D(2026, 1, 1),
        due_on=D(2026, 3, 31),
        status=ProgrammeStatus.RUNNING,
    )
    ms = [
        Milestone.objects.create(
            programme=programme,
            order=i + 1,
            name=f"M{i + 1}",
            weight=w,
            evidence=EvidenceKind.PHOTO,
        )
        for i, w in enumerate((1, 2, 1))
    ]

    def target(office, area, joined, **extra):  # type: ignore[no-untyped-def]
        t = Target.objects.create(
            programme=programme, office=office, area=area, joined_on=joined, **extra
        )
        Step.objects.bulk_create(Step(target=t, milestone=m) for m in ms)
        return t

    def done(t, milestone, day, status=StepStatus.VERIFIED):  # type: ignore[no-untyped-def]
        Step.objects.filter(target=t, milestone=milestone).update(status=status, done_on=day)

    t1 = target(world.office_a1, world.block_a1, D(2026, 1, 1), done_on=D(2026, 3, 10))
    for m, day in zip(ms, (D(2026, 2, 1), D(2026, 2, 20), D(2026, 3, 10)), strict=True):
        done(t1, m, day)
    t2 = target(
        world.office_a2, world.block_a2, D(2026, 1, 1), due_on=D(2026, 3, 1), done_on=D(2026, 3, 15)
    )
    for m in ms:
        done(t2, m, D(2026, 3, 15))
    t3 = target(None, world.gp_a1, D(2026, 2, 1))
    done(t3, ms[0], D(2026, 2, 10))
    done(t3, ms[1], D(2026, 3, 1), StepStatus.SUBMITTED)
    t4 = target(
        world.dc_office_a,
        world.district_a,
        D(2026, 1, 1),
        left_on=D(2026, 3, 5),
        left_because=LeftBecause.CLOSED,
    )
    return programme, (t1, t2, t3, t4)


def _row(f):  # type: ignore[no-untyped-def]
    return (f.in_set, f.done, f.on_time, f.due, f.overdue, f.weight_done, f.weight_total)


def test_progress_in_total_per_block_and_district(world, django_assert_num_queries):  # type: ignore[no-untyped-def]
    programme, (_t1, _t2, t3, _t4) = _programme(world)
    with django_assert_num_queries(4):
        p = programme_progress(programme, programme.targets.all(), D(2026, 4, 10))
    assert _row(p.total) == (3, 2, 1, 3, 1, 9, 12)
    assert p.total.weighted_percent == 75
    assert p.total.percent == 67  # 2 of 3
    blocks = {f.label: _row(f) for f in p.blocks}
    assert blocks == {"Block A1": (2, 1, 1, 2, 1, 5, 8), "Block A2": (1, 1, 0, 1, 0, 4, 4)}
    assert [(f.label, _row(f)) for f in p.districts] == [("District A", (3, 2, 1, 3, 1, 9, 12))]
    assert p.overdue == [t3]


def test_progress_before_the_office_left_and_the_due_day(world):  # type: ignore[no-untyped-def]
    programme, _targets = _programme(world)
    targets = programme.targets.all()
    first = programme_progress(programme, targets, D(2026, 3, 1))
    assert _row(first.total) == (4, 0, 0, 1, 0, 4, 16)
    assert first.total.weighted_percent == 25
    assert first.overdue == []
    # The collectorate is in no block: its row is its own place.
    assert {f.label for f in first.blocks} == {"Block A1", "Block A2", "District A"}
    assert programme_progress(programme, targets, D(2026, 3, 5)).total.in_set == 3
    later = programme_progress(programme, targets, D(2026, 3, 20))
    assert _row(later.total)[:5] == (3, 2, 0, 1, 0)


def test_the_figures_of_what_a_block_officer_sees(world):  # type: ignore[no-untyped-def]
    programme, _targets = _programme(world)
    seen = Target.objects.visible_to(world.bdo_a1).filter(programme=programme)
    p = programme_progress(programme, seen, D(2026, 4, 10))
    assert _row(p.total) == (2, 1, 1, 2, 1, 5, 8)  # block A1's row of the district's table
    assert [f.label for f in p.blocks] == ["Block A1"]


def test_programme_progress_today_agrees_with_the_selector(roll):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    Target.objects.filter(pk=roll.target_a1.pk).update(done_on=timezone.localdate())
    p = programme_progress(roll.programme, roll.programme.targets.all())
    assert roll.programme.progress() == (p.total.done, p.total.in_set) == (1, 2)
