"""Reads from the directory, always through ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404

from degs.core.scoping import district_path, under_q
from degs.directory.choices import AreaKind, SaturdayRule
from degs.directory.models import (
    Area,
    Designation,
    DistrictSetting,
    Holiday,
    Office,
    Post,
    PostHolding,
)


def area_list(
    *, user: Any, kind: str = "", under: Area | None = None, q: str = ""
) -> QuerySet[Area]:
    """Areas the user may see, optionally of one kind, under one area, or matching a name."""
    qs = Area.objects.visible_to(user).select_related("parent")
    if kind:
        qs = qs.filter(kind=kind)
    if under is not None:
        qs = qs.under(under.path)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_hi__icontains=q) | Q(lgd_code=q))
    return qs.order_by("path")


def area_get(*, user: Any, pk: int) -> Area:
    """One area; 404 when it does not exist or lies outside the user's areas."""
    return get_object_or_404(Area.objects.visible_to(user).select_related("parent"), pk=pk)


@dataclass
class AreaCounts:
    """What lies under one area: totals per kind, and offices."""

    by_kind: dict[str, int] = field(default_factory=dict)
    offices: int = 0

    @property
    def summary(self) -> list[tuple[str, int]]:
        labels = dict(AreaKind.choices)
        return [(str(labels[k]), n) for k, n in self.by_kind.items() if n]


def subtree_counts(*, areas: list[Area]) -> dict[int, AreaCounts]:
    """For sibling areas, how many areas of each kind and offices lie under each: two queries.

    The path's fixed-width segments let one GROUP BY attribute every descendant to its
    ancestor at the siblings' depth.
    """
    if not areas:
        return {}
    depth_end = len(areas[0].path)
    by_path = {a.path: a.pk for a in areas}
    paths = [a.path for a in areas]
    result = {a.pk: AreaCounts() for a in areas}
    rows = (
        Area.objects.filter(under_q("path", paths), depth__gt=areas[0].depth)
        .annotate(top=Substr("path", 1, depth_end))
        .values("top", "kind")
        .annotate(n=Count("id"))
    )
    order = {k: i for i, k in enumerate(AreaKind.values)}
    grouped: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        grouped[by_path[row["top"]]][row["kind"]] = row["n"]
    for pk, kinds in grouped.items():
        result[pk].by_kind = dict(sorted(kinds.items(), key=lambda item: order[item[0]]))
    for row in (
        Office.objects.filter(under_q("area__path", paths))
        .annotate(top=Substr("area__path", 1, depth_end))
        .values("top")
        .annotate(n=Count("id"))
    ):
        result[by_path[row["top"]]].offices = row["n"]
    return result


def roots_with_counts(*, user: Any) -> list[tuple[Area, AreaCounts | None]]:
    """The top areas of the user's jurisdiction, each with what lies under it.

    Roots may sit at different depths (a district and a block elsewhere); counts are taken per
    depth, so the queries grow with the number of depths (at most the tree's), not of roots.
    """
    roots = list(Area.objects.roots_for(user).order_by("path"))
    counts: dict[int, AreaCounts] = {}
    for depth in sorted({r.depth for r in roots}):
        counts.update(subtree_counts(areas=[r for r in roots if r.depth == depth]))
    return [(area, counts.get(area.pk)) for area in roots]


def area_choices(*, user: Any) -> QuerySet[Area]:
    """The areas a list offers to narrow it to: for users of several districts (a state) the
    districts, else the district with its blocks and municipalities, so the choice stays
    short. Any area the user sees can be given in the query."""
    visible = Area.objects.visible_to(user)
    districts = visible.filter(kind=AreaKind.DISTRICT)
    if districts[:2].count() > 1:
        return districts.order_by("name")
    return visible.filter(
        kind__in=[AreaKind.DISTRICT, AreaKind.BLOCK, AreaKind.MUNICIPALITY]
    ).order_by("path")


def area_children(*, user: Any, area: Area) -> QuerySet[Area]:
    return Area.objects.visible_to(user).filter(parent=area).order_by("kind", "name")


def area_breadcrumbs(*, user: Any, area: Area) -> list[tuple[Area, bool]]:
    """Ancestors root first, each with whether the user may open it."""
    ancestors = area.ancestors()
    visible = set(
        Area.objects.visible_to(user)
        .filter(pk__in=[a.pk for a in ancestors])
        .values_list("pk", flat=True)
    )
    return [(a, a.pk in visible) for a in ancestors]


def _holders_prefetch() -> Prefetch:
    return Prefetch(
        "holdings",
        queryset=PostHolding.objects.current().select_related("user").order_by("charge"),
        to_attr="current_holdings",
    )


def office_list(
    *, user: Any, under: Area | None = None, kind: str = "", q: str = ""
) -> QuerySet[Office]:
    qs = Office.objects.visible_to(user).select_related("area")
    if under is not None:
        qs = qs.under(under.path)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_hi__icontains=q))
    return qs.order_by("area__path", "kind", "name")


def office_get(*, user: Any, pk: int) -> Office:
    return get_object_or_404(Office.objects.visible_to(user).select_related("area"), pk=pk)


def post_list(
    *,
    user: Any,
    under: Area | None = None,
    area: Area | None = None,
    office: Office | None = None,
    designation: str = "",
    vacant: bool | None = None,
) -> QuerySet[Post]:
    """Posts with their current holders (prefetched: a fixed number of queries)."""
    qs = (
        Post.objects.visible_to(user)
        .select_related("designation", "area", "office")
        .prefetch_related(_holders_prefetch())
    )
    if under is not None:
        qs = qs.under(under.path)
    if area is not None:
        qs = qs.filter(area=area)
    if office is not None:
        qs = qs.filter(office=office)
    if designation:
        qs = qs.filter(designation__code=designation)
    if vacant is not None:
        held = PostHolding.objects.current().values("post_id")
        qs = qs.exclude(pk__in=held) if vacant else qs.filter(pk__in=held)
    return qs.order_by("area__path", "designation__rank", "seat")


def post_get(*, user: Any, pk: int) -> Post:
    return get_object_or_404(
        Post.objects.visible_to(user)
        .select_related("designation", "area", "office")
        .prefetch_related(_holders_prefetch()),
        pk=pk,
    )


def held_post_ids(user: Any) -> set[int]:
    """The posts the user holds today (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached: set[int] | None = getattr(user, "_degs_held_posts", None)
    if cached is None:
        cached = set(
            PostHolding.objects.current().filter(user=user).values_list("post_id", flat=True)
        )
        user._degs_held_posts = cached
    return cached


def post_holdings(*, post: Post) -> QuerySet[PostHolding]:
    """Everyone who has held the post, latest first."""
    return post.holdings.select_related("user").order_by("-start_date")


def designation_list() -> QuerySet[Designation]:
    """Designations are not area-bound: every signed-in user may read them."""
    return Designation.objects.order_by("rank", "name")


@dataclass
class HistoryEntry:
    """One recorded change, with the names of the fields it changed."""

    date: dt.datetime
    user: Any
    kind: str  # "+" created, "~" changed, "-" deleted
    fields: list[str]


def history_of(obj: Any, limit: int = 50) -> list[HistoryEntry]:
    """The recorded changes of a master-data row, newest first: one query.

    Each record is compared with the one before it in memory, so no query per row.
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        fields: list[str] = []
        if record.history_type == "~" and index + 1 < len(records):
            delta = record.diff_against(records[index + 1])
            fields = [
                str(obj._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                kind=record.history_type,
                fields=fields,
            )
        )
    return entries


def holiday_list(*, user: Any, year: int) -> QuerySet[Holiday]:
    """Holidays that apply to the user's areas in one year."""
    return (
        Holiday.objects.visible_to(user)
        .filter(date__year=year)
        .select_related("area")
        .order_by("date", "area__path")
    )


# Working days ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingCalendar:
    """Holidays and weekly offs that apply to one area (its own and its state's, district's)."""

    holidays: frozenset[dt.date]
    saturday_rule: str

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() == 6 or day in self.holidays:
            return False
        if day.weekday() == 5:
            nth = (day.day - 1) // 7 + 1
            rule = self.saturday_rule
            if rule == SaturdayRule.ALL:
                return False
            if rule == SaturdayRule.SECOND_FOURTH and nth in (2, 4):
                return False
            if rule == SaturdayRule.FIRST_THIRD and nth in (1, 3):
                return False
        return True

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (the day of filing does not count)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        remaining = days
        while remaining:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def working_calendar(
    *, area: Area, start: dt.date, end: dt.date, chain: Sequence[Area] | None = None
) -> WorkingCalendar:
    """The calendar of ``area`` between two dates: holidays of it and every area above it.
    ``chain`` is the area and its ancestors when the caller has them already."""
    if chain is None:
        chain = [*area.ancestors(), area]
    chain = sorted(chain, key=lambda a: -a.depth)
    rule = next((a.saturdays_off for a in chain if a.saturdays_off), SaturdayRule.NONE)
    holidays = Holiday.objects.filter(area__in=chain, date__range=(start, end)).values_list(
        "date", flat=True
    )
    return WorkingCalendar(holidays=frozenset(holidays), saturday_rule=rule)


def district_of(area: Area) -> Area | None:
    """The district at or above ``area`` (the area itself at or above district level; None
    when the path names no stored district)."""
    path = district_path(area.path)
    return area if area.path == path else Area.objects.filter(path=path).first()


def district_setting(area: Area) -> DistrictSetting:
    """The settings of the district holding ``area``: its saved row, or the defaults (unsaved)
    when it has none or ``area`` lies above a district."""
    path = district_path(area.path)
    found = DistrictSetting.objects.filter(district__path=path).select_related("district").first()
    if found is not None:
        return found
    district = district_of(area)
    return DistrictSetting(district=district) if district is not None else DistrictSetting()


def user_current_holdings(*, user: Any) -> QuerySet[PostHolding]:
    """The posts the user holds today, with what a page shows of them."""
    return (
        PostHolding.objects.current()
        .filter(user=user)
        .select_related("post__designation", "post__area", "post__office")
    )


def home_context(*, user: Any) -> dict[str, Any]:
    """The home page's "My posts", "My areas" and "Posts in my areas" (the registry's
    home_section)."""
    rows = roots_with_counts(user=user)
    return {
        "holdings": user_current_holdings(user=user),
        "areas": rows[:20],
        "more_areas": max(0, len(rows) - 20),
        "post_total": post_list(user=user).count(),
        "post_vacant": post_list(user=user, vacant=True).count(),
    }
