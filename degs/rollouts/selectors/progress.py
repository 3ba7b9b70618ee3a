"""Reads of a programme's progress on a day D (docs/rollouts.md, "Progress: how it is
counted"):

- in the set on D: joined on or before D and not left on or before D;
- done on D: in the set and its ``done_on`` is on or before D;
- due on D: in the set and its due date (its own, else the programme's) is on or before D;
  on time: of those due, done on or before its due date;
- overdue on D: in the set, due date before D, not done on D;
- weighted progress: the weights of milestones verified (done on or before D) at the targets
  in the set, over the weight of every milestone times the targets in the set.

Figures per block and per district group the targets by the block (else the circle) and the
district above their place, read from the paths: a fixed number of queries, none per row.
``targets`` is what the reader sees (``Target.objects.visible_to``), so a block officer's
figures are their block's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from degs.core.scoping import ancestor_paths, district_path
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.rollouts.choices import StepStatus
from degs.rollouts.models import Programme, Step, Target, TargetQuerySet

GROUP_KINDS = (AreaKind.BLOCK, AreaKind.TEHSIL)


@dataclass
class Figures:
    """The counts of one set of targets on a day."""

    in_set: int = 0
    done: int = 0
    due: int = 0
    on_time: int = 0
    overdue: int = 0
    weight_done: int = 0
    weight_total: int = 0
    area: Area | None = None
    label: str = ""

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.in_set) if self.in_set else None

    @property
    def weighted_percent(self) -> int | None:
        return round(100 * self.weight_done / self.weight_total) if self.weight_total else None

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.due) if self.due else None


@dataclass
class Progress:
    day: dt.date
    total: Figures
    blocks: list[Figures] = field(default_factory=list)
    districts: list[Figures] = field(default_factory=list)
    overdue: list[Target] = field(default_factory=list)


def done_q(day: dt.date) -> Q:
    """Done on ``day``: its last milestone verified on or before it (``_count``'s rule, for a
    query)."""
    return Q(done_on__isnull=False, done_on__lte=day)


def overdue_q(day: dt.date) -> Q:
    """Overdue on ``day``: due (its own date, else the programme's) before it and not done
    (``_count``'s rule, for a query over targets already in the set)."""
    return Q(Q(due_on__lt=day) | Q(due_on__isnull=True, programme__due_on__lt=day)) & ~done_q(day)


def _count(figures: Figures, target: Target, day: dt.date, weight: int, weights: int) -> None:
    figures.in_set += 1
    done = target.done_on is not None and target.done_on <= day
    due_date = target.due_on or target.programme.due_on
    figures.done += done
    if due_date <= day:
        figures.due += 1
        if target.done_on is not None and target.done_on <= due_date:
            figures.on_time += 1
    if due_date < day and not done:
        figures.overdue += 1
    figures.weight_done += weight
    figures.weight_total += weights


def programme_progress(
    programme: Programme, targets: TargetQuerySet, day: dt.date | None = None
) -> Progress:
    """The figures of ``targets`` (the programme's targets the reader sees) on ``day`` (today
    by default), in total, per block and per district, and the overdue targets. Four queries."""
    day = day or timezone.localdate()
    rows = list(
        targets.in_set_on(day)
        .select_related("office", "area", "programme")
        .order_by("area__path", "office__name", "pk")
    )
    weights = programme.milestones.aggregate(w=Sum("weight"))["w"] or 0
    done_weights = dict(
        Step.objects.filter(
            target__in=[t.pk for t in rows],
            status=StepStatus.VERIFIED,
            done_on__lte=day,
        )
        .values("target_id")
        .annotate(w=Sum("milestone__weight"))
        .values_list("target_id", "w")
    )
    paths = {p for t in rows for p in [*ancestor_paths(t.area.path), t.area.path]}
    areas = {a.path: a for a in Area.objects.filter(path__in=paths)} if paths else {}

    total = Figures()
    blocks: dict[str, Figures] = {}
    districts: dict[str, Figures] = {}
    overdue: list[Target] = []
    for target in rows:
        weight = done_weights.get(target.pk, 0) or 0
        _count(total, target, day, weight, weights)
        chain = [*ancestor_paths(target.area.path), target.area.path]
        group = next(
            (p for p in reversed(chain) if p in areas and areas[p].kind in GROUP_KINDS),
            target.area.path,
        )
        for key, bucket in ((group, blocks), (district_path(target.area.path), districts)):
            if key not in bucket:
                area = areas.get(key)
                bucket[key] = Figures(area=area, label=area.label if area else "")
            _count(bucket[key], target, day, weight, weights)
        due_date = target.due_on or programme.due_on
        if due_date < day and not (target.done_on is not None and target.done_on <= day):
            overdue.append(target)
    return Progress(
        day=day,
        total=total,
        blocks=sorted(blocks.values(), key=lambda f: f.label),
        districts=sorted(districts.values(), key=lambda f: f.label),
        overdue=overdue,
    )


def with_figures(programmes: QuerySet[Programme], user: Any) -> QuerySet[Programme]:
    """Each programme with ``done_now`` and ``in_set_now``: its targets the user sees, done and
    in the set today (two subqueries in the list's one query)."""
    today = timezone.localdate()
    seen = Target.objects.visible_to(user).filter(programme=OuterRef("pk")).in_set_on(today)

    def count(rows: QuerySet[Target]) -> Any:
        return Coalesce(
            Subquery(rows.order_by().values("programme").annotate(c=Count("pk")).values("c")[:1]),
            0,
        )

    return programmes.annotate(
        in_set_now=count(seen),
        done_now=count(seen.filter(done_q(today))),
    )
