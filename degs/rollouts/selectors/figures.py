"""Rollout targets counted as programme figures (``core.figures``): the targets in the set,
those done and those late, on a period's last day (today for a period not over).

The rules are the progress page's (``selectors.progress``: ``in_set_on``, ``done_q``,
``overdue_q``); each ``count`` is one GROUP BY over the district's targets of every programme
not being drawn up, by the target's place (its office's area, or the panchayat). No list of
targets across programmes exists to link to: these figures have no ``rows`` (docs/indicators.md,
"Counted figures")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from degs.core.figures import FigureSource, counted_by, stock_day
from degs.rollouts.choices import ProgrammeStatus
from degs.rollouts.models import Target
from degs.rollouts.selectors.progress import done_q, overdue_q


def _count(district: Any, last: dt.date, condition: Q) -> dict[int, int]:
    rows = (
        Target.objects.in_set_on(stock_day(last))
        .under(district.path)
        .exclude(programme__status=ProgrammeStatus.DRAFT)
        .filter(condition)
    )
    return counted_by(rows, "area_id")


def count_targets(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, last, Q())


def count_done(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, last, done_q(stock_day(last)))


def count_late(district: Any, first: dt.date, last: dt.date) -> Mapping[int, int]:
    return _count(district, last, overdue_q(stock_day(last)))


TARGETS = FigureSource(
    code="rollouts.targets",
    label=_("Rollout targets in the set"),
    count=count_targets,
    over_time="last",
    description=_("Rollout targets in their programme's set on the period's last day."),
)
TARGETS_DONE = FigureSource(
    code="rollouts.targets_done",
    label=_("Rollout targets done"),
    count=count_done,
    over_time="last",
    description=_("Of those, the targets whose last milestone was verified by that day."),
)
TARGETS_LATE = FigureSource(
    code="rollouts.targets_late",
    label=_("Rollout targets late"),
    count=count_late,
    over_time="last",
    description=_("Of those, the targets not done and past their due date on that day."),
)
