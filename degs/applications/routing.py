"""Which post acts on an application next, and by when.

A workflow step names a post type (designation) and a level (block, tehsil, subdivision,
district). The post is the one of that type in the nearest area above the application's area.
Where blocks and circles (tehsils) are coterminous, as in Jharkhand, a panchayat sits under the
block and the circle is the block's sibling of the same name: when no area above holds the
post, the post of that type in the area of the step's level that shares the block's parent and
name is taken. No post found leaves the application unassigned and it shows in the district's
"no officer" list.
"""

from __future__ import annotations

import datetime as dt

from degs.applications.choices import AT_KIOSK, FINAL_STATES
from degs.catalogue.definition import Definition, Step
from degs.core.scoping import ancestor_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post
from degs.directory.selectors import WorkingCalendar, working_calendar


def steps_now(definition: Definition, state: str) -> list[Step]:
    return [] if state in (*FINAL_STATES, AT_KIOSK) else definition.steps_from(state)


def post_for(*, designation: str, level: str, area: Area) -> Post | None:
    paths = [*ancestor_paths(area.path), area.path]
    posts = list(
        Post.objects.filter(
            designation__code=designation, area__path__in=paths, is_active=True
        ).select_related("area", "designation")
    )
    if posts:
        return max(posts, key=lambda p: (len(p.area.path), -p.pk))
    block = Area.objects.filter(path__in=paths, kind=AreaKind.BLOCK).first()
    if block is None:
        return None
    return (
        Post.objects.filter(
            designation__code=designation,
            area__kind=level,
            area__parent_id=block.parent_id,
            area__name=block.name,
            is_active=True,
        )
        .select_related("area", "designation")
        .order_by("pk")
        .first()
    )


def post_for_state(definition: Definition, state: str, area: Area) -> Post | None:
    steps = steps_now(definition, state)
    if not steps:
        return None
    return post_for(designation=steps[0].designation, level=steps[0].level, area=area)


def step_days(definition: Definition, state: str) -> int:
    """Working days the officer has in a state: the longest of its steps' limits."""
    return max((s.days for s in steps_now(definition, state)), default=0)


def calendar_for(district: Area, start: dt.date, days: int) -> WorkingCalendar:
    """The district's working calendar from ``start`` far enough ahead for ``days``."""
    return working_calendar(
        area=district, start=start, end=start + dt.timedelta(days=days * 3 + 60)
    )
