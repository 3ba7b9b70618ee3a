"""The rollouts app's block of the home page: the reporter's own queue (milestones to do at
the user's targets, how many overdue, the first rows with links), the verifier's queue
(submitted by others, the oldest first) and the progress of the running programmes the user
sees (targets done of targets in the set today, counted over the targets the user sees: a
block officer sees their block's). A fixed number of queries whatever the rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from degs.core.permissions import user_can, user_may_open
from degs.rollouts.choices import ProgrammeStatus
from degs.rollouts.models import Programme, Step, Target
from degs.rollouts.selectors.steps import MANAGE, REPORT, VERIFY, to_do, to_verify

FIRST_ROWS = 5


@dataclass
class Queue:
    count: int
    overdue: int
    first: list[Step]


@dataclass
class ProgrammeProgress:
    programme: Programme
    done: int
    total: int


def _to_do_queue(user: Any) -> Queue:
    today = timezone.localdate()
    rows = to_do(user=user)
    counts = rows.aggregate(count=Count("pk"), overdue=Count("pk", filter=Q(due__lt=today)))
    return Queue(counts["count"], counts["overdue"], list(rows[:FIRST_ROWS]))


def _to_verify_queue(user: Any) -> Queue:
    rows = to_verify(user=user)
    first = list(rows[:FIRST_ROWS])
    count = len(first) if len(first) < FIRST_ROWS else rows.count()
    return Queue(count, 0, first)


def programme_progress(*, user: Any) -> list[ProgrammeProgress]:
    """Each running programme with targets the user sees: done of in the set today, over
    those targets (a block officer: their block's), in two queries."""
    today = timezone.localdate()
    counts = (
        Target.objects.visible_to(user)
        .in_set_on(today)
        .filter(programme__status=ProgrammeStatus.RUNNING)
        .values("programme_id")
        .annotate(
            total=Count("pk"), done=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=today))
        )
        .order_by()
    )
    by_programme = {row["programme_id"]: row for row in counts}
    if not by_programme:
        return []
    programmes = Programme.objects.filter(pk__in=by_programme).order_by("due_on", "name")
    return [
        ProgrammeProgress(p, by_programme[p.pk]["done"], by_programme[p.pk]["total"])
        for p in programmes
    ]


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's rollouts block (the registry's ``home_section``), for those who may
    open the section."""
    if not user_may_open(user, "rollouts"):
        return {}
    reports = user_can(user, REPORT) or user_can(user, MANAGE)
    return {
        "rollouts": {
            "to_do": _to_do_queue(user) if reports else None,
            "to_verify": _to_verify_queue(user) if user_can(user, VERIFY) else None,
            "progress": programme_progress(user=user),
        },
        "template": "rollouts/home_block.html",
    }
