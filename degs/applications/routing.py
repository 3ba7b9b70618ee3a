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
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from degs.applications.workflow import ServiceStep, officer_steps
from degs.catalogue.definition import Definition
from degs.core.memo import remembered
from degs.core.scoping import ancestor_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Post
from degs.directory.selectors import WorkingCalendar, working_calendar


@dataclass(frozen=True)
class Place:
    """An application's area and every area above it, read once and used for routing, the
    district's calendar and the form's villages."""

    chain: tuple[Area, ...]  # root first, the area itself last
    # Other areas read with the chain, by id (the villages a form names), to save a query.
    also: dict[int, Area] = field(default_factory=dict, compare=False)

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


def place_of(area: Area, also: Iterable[int] = ()) -> Place:
    """One query: the area, its ancestors and the areas ``also`` names (those that exist)."""
    paths = ancestor_paths(area.path)
    wanted = set(also) - {area.pk}
    rows = (
        list(Area.objects.filter(Q(path__in=paths) | Q(pk__in=wanted)).order_by("depth"))
        if paths or wanted
        else []
    )
    found = {a.pk: a for a in rows} | {area.pk: area}
    return Place(
        chain=(*(a for a in rows if a.path in paths), area),
        also={pk: found[pk] for pk in also if pk in found},
    )


def steps_now(definition: Definition, state: str) -> list[ServiceStep]:
    """The officers' steps from ``state``, read from the version's workflow."""
    return officer_steps(definition, state)


def _district_posts(place: Place) -> dict[str, list[Post]]:
    """The active posts in the place's district and in the areas above it, by designation code
    and in the order they were made: one query per district, kept in the process's memo."""
    district = place.district
    above = [a.pk for a in place.chain[: place.chain.index(district)]]

    def read() -> dict[str, list[Post]]:
        posts: dict[str, list[Post]] = {}
        rows = (
            Post.objects.filter(
                Q(area__path__startswith=district.path) | Q(area_id__in=above), is_active=True
            )
            .select_related("area", "designation")
            .order_by("pk")
        )
        for post in rows:
            posts.setdefault(post.designation.code, []).append(post)
        return posts

    return remembered(("posts", district.pk, district.path), read)


def post_for(*, designation: str, level: str, place: Place) -> Post | None:
    """The post of the type in the nearest area above; else the coterminous one (see the
    module's note). Read from the district's posts."""
    posts = _district_posts(place).get(designation, [])
    chain = {a.pk for a in place.chain}
    above = [p for p in posts if p.area_id in chain]
    if above:
        return max(above, key=lambda p: len(p.area.path))
    block = place.block
    if block is None:
        return None
    return next(
        (
            p
            for p in posts
            if p.area.kind == level
            and p.area.parent_id == block.parent_id
            and p.area.name == block.name
        ),
        None,
    )


def post_for_state(definition: Definition, state: str, place: Place) -> Post | None:
    steps = steps_now(definition, state)
    if not steps:
        return None
    return post_for(designation=steps[0].designation, level=steps[0].level, place=place)


def step_days(definition: Definition, state: str) -> int:
    """Working days the officer has in a state: the longest of its steps' limits."""
    return max((s.days for s in steps_now(definition, state)), default=0)


def calendar_for(place: Place, start: dt.date, days: int) -> WorkingCalendar:
    """The district's working calendar from ``start`` far enough ahead for ``days`` (kept in
    the process's memo: holidays and weekly offs are reference data)."""
    district = place.district
    end = start + dt.timedelta(days=days * 3 + 60)
    return remembered(
        ("calendar", district.pk, district.path, start, end),
        lambda: working_calendar(
            area=district,
            start=start,
            end=end,
            chain=place.chain[: place.chain.index(district) + 1],
        ),
    )
