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
from dataclasses import dataclass

from django.db.models import Q

from degs.applications.choices import AT_KIOSK, FINAL_STATES
from degs.catalogue.definition import Definition, Step
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post
from degs.directory.selectors import WorkingCalendar, working_calendar


@dataclass(frozen=True)
class Place:
    """An application's area and every area above it, read once and used for routing, the
    district's calendar and the form's villages."""

    chain: tuple[Area, ...]  # root first, the area itself last

    @property
    def area(self) -> Area:
        return self.chain[-1]

    def nearest(self, *kinds: str) -> Area | None:
        """The nearest area of one of ``kinds`` at or above the area."""
        return next((a for a in reversed(self.chain) if a.kind in kinds), None)

    @property
    def district(self) -> Area:
        district = self.nearest(AreaKind.DISTRICT)
        if district is None:
            raise ValueError("an application's area lies in a district")
        return district

    @property
    def block(self) -> Area | None:
        return self.nearest(AreaKind.BLOCK)


def place_of(area: Area) -> Place:
    """One query: the area and its ancestors."""
    return Place(chain=(*area.ancestors(), area))


def steps_now(definition: Definition, state: str) -> list[Step]:
    return [] if state in (*FINAL_STATES, AT_KIOSK) else definition.steps_from(state)


def post_for(*, designation: str, level: str, place: Place) -> Post | None:
    """One query: the posts of the type in the areas above, and the coterminous one."""
    where = Q(area__in=place.chain)
    block = place.block
    if block is not None:
        where |= Q(area__kind=level, area__parent_id=block.parent_id, area__name=block.name)
    posts = list(
        Post.objects.filter(where, designation__code=designation, is_active=True)
        .select_related("area", "designation")
        .order_by("pk")
    )
    above = [p for p in posts if p.area in place.chain]
    if above:
        return max(above, key=lambda p: len(p.area.path))
    return posts[0] if posts else None


def post_for_state(definition: Definition, state: str, place: Place) -> Post | None:
    steps = steps_now(definition, state)
    if not steps:
        return None
    return post_for(designation=steps[0].designation, level=steps[0].level, place=place)


def step_days(definition: Definition, state: str) -> int:
    """Working days the officer has in a state: the longest of its steps' limits."""
    return max((s.days for s in steps_now(definition, state)), default=0)


def calendar_for(place: Place, start: dt.date, days: int) -> WorkingCalendar:
    """The district's working calendar from ``start`` far enough ahead for ``days``."""
    district = place.district
    return working_calendar(
        area=district,
        start=start,
        end=start + dt.timedelta(days=days * 3 + 60),
        chain=place.chain[: place.chain.index(district) + 1],
    )
