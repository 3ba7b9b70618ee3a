"""The home page's figures block: the reports the user's posts owe for the last period over,
the ones still missing, with a link to the entry page for each. Four queries whatever the
number of areas: the posts, the elements they report, the areas that report them, the values
already in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from degs.core.permissions import user_can
from degs.core.scoping import under_q
from degs.directory.models import Area
from degs.directory.selectors import user_current_holdings
from degs.indicators.choices import Source
from degs.indicators.models import DataElement, DataValue
from degs.indicators.periods import Period

ENTER = "indicators.enter"
# The most reporting areas read for one user's queue (a post over a whole state reads the
# first ones by place in the tree; its list links to the entry page for the rest).
AREAS_READ = 5000


@dataclass
class Owed:
    """One element a post reports, for the areas under it, in one period."""

    element: DataElement
    area: Area  # the post's area
    period: Period
    due: dt.date
    expected: int
    missing: int
    first_missing: int | None  # the first area still to report (the entry page's area)

    @property
    def late(self) -> bool:
        return timezone.localdate() > self.due


def figures_owed(*, user: Any, today: dt.date | None = None) -> list[Owed]:
    """The reports the user's posts owe for the last period over of each element they report,
    missing ones first."""
    today = today or timezone.localdate()
    posts = [h.post for h in user_current_holdings(user=user) if user_can(user, ENTER, h.post.area)]
    if not posts:
        return []
    elements = list(
        DataElement.objects.filter(
            source=Source.ENTERED,
            is_active=True,
            reported_by__in={p.designation_id for p in posts},
        ).order_by("domain", "code")
    )
    if not elements:
        return []
    pairs = [(p, e) for p in posts for e in elements if e.reported_by_id == p.designation_id]
    areas = list(
        Area.objects.filter(
            under_q("path", {p.area.path for p, _e in pairs}),
            kind__in={e.entry_level for _p, e in pairs},
            is_active=True,
        )
        .order_by("path")
        .only("pk", "path", "kind")[:AREAS_READ]
    )
    periods = {e.pk: Period.of(e.period_type, today).previous() for e in elements}
    reported = set(
        DataValue.objects.filter(
            element__in=[e.pk for e in elements],
            period_start__in={p.start for p in periods.values()},
            area__in=[a.pk for a in areas],
        )
        .values_list("element_id", "area_id", "period_type", "period_start")
        .distinct()
    )
    owed = []
    for post, element in pairs:
        period = periods[element.pk]
        due_areas = [
            a for a in areas if a.kind == element.entry_level and a.path.startswith(post.area.path)
        ]
        missing = [
            a for a in due_areas if (element.pk, a.pk, period.type, period.start) not in reported
        ]
        if not due_areas:
            continue
        owed.append(
            Owed(
                element=element,
                area=post.area,
                period=period,
                due=period.due_on(element.due_days),
                expected=len(due_areas),
                missing=len(missing),
                first_missing=missing[0].pk if missing else None,
            )
        )
    owed.sort(key=lambda o: (o.missing == 0, o.due, o.element.code))
    return owed


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's "Figures to report" block (the registry's ``home_section``), for those
    whose posts report figures."""
    if not user_can(user, ENTER):
        return {}
    owed = figures_owed(user=user)
    if not owed:
        return {}
    return {
        "figures_owed": owed,
        "figures_missing": sum(o.missing for o in owed),
        "template": "indicators/home_block.html",
    }
