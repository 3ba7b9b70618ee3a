"""Monthly uptime of links, and the SLA report a DeGS sends a provider (docs/connectivity.md,
"Uptime and the SLA report").

The period in service is the part of [start, end) after the link's install date (or its first
active status) and before its termination or decommissioning; downtime is the union of its
outages' intervals [started_at, restored_at or now) clipped to that period, leaving out
cancelled outages and any single outage shorter than the SLA's ``short_drop_minutes``, minus
the overlap with maintenance windows that cover the link and were recorded before they started.
Uptime % = (in service - down) / in service * 100, to two decimals; a link not in service in
the month has no figure, never 100.

The report reads the links, their outages, the maintenance windows, the first active status
and decommissioning of each link and the blocks in a fixed number of queries, whatever the
number of links; the arithmetic runs in Python on intervals.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from degs.connectivity.choices import LinkStatus, OutageStatus
from degs.connectivity.models import Link, LinkEvent, MaintenanceWindow, Outage, Provider, Sla
from degs.core.scoping import ancestor_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area

Interval = tuple[dt.datetime, dt.datetime]

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# Where a link is counted "per block": the nearest of these at or above its site (a link at a
# district office is counted under its district).
BLOCK_KINDS = (AreaKind.BLOCK, AreaKind.MUNICIPALITY)
NEVER_IN_SERVICE = (LinkStatus.PLANNED, LinkStatus.PROVISIONING)


def hours(seconds: float) -> Decimal:
    """Seconds as hours to two decimals (a 3-hour outage: 3.00)."""
    return (Decimal(str(seconds)) / 3600).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(up_seconds: float, in_service_seconds: float) -> Decimal | None:
    """Up / in service * 100 to two decimals (half up); None when nothing was in service."""
    if in_service_seconds <= 0:
        return None
    value = Decimal(str(up_seconds)) / Decimal(str(in_service_seconds)) * HUNDRED
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Uptime:
    """A link's (or a group's) month: seconds in service, seconds down counted, and the
    percentage (None: not in service, shown as "—")."""

    in_service_seconds: float
    down_seconds: float

    @property
    def up_seconds(self) -> float:
        return self.in_service_seconds - self.down_seconds

    @functools.cached_property
    def percent(self) -> Decimal | None:
        return percent(self.up_seconds, self.in_service_seconds)

    @property
    def in_service_hours(self) -> Decimal:
        return hours(self.in_service_seconds)

    @property
    def down_hours(self) -> Decimal:
        return hours(self.down_seconds)


@dataclass(frozen=True)
class Span:
    """What the figures read of an outage (the uptime page and the API need no more; the SLA
    report reads the outage rows themselves)."""

    pk: int
    link_id: int
    started_at: dt.datetime
    restored_at: dt.datetime | None
    responded_at: dt.datetime | None = None
    respond_due_at: dt.datetime | None = None
    restore_due_at: dt.datetime | None = None


SPAN_FIELDS = ("pk", "link_id", "started_at", "restored_at")
ROW_FIELDS = (*SPAN_FIELDS, "responded_at", "respond_due_at", "restore_due_at")


@dataclass
class OutageLine:
    """An outage of the report: when, how fast the provider answered, and what it counted."""

    outage: Outage | Span
    counted_seconds: float
    short_drop: bool
    respond_within: bool | None  # None: no due time was set
    restore_within: bool | None

    @property
    def counted_hours(self) -> Decimal:
        return hours(self.counted_seconds)

    @property
    def respond_seconds(self) -> float | None:
        o = self.outage
        return (o.responded_at - o.started_at).total_seconds() if o.responded_at else None

    @property
    def restore_seconds(self) -> float | None:
        o = self.outage
        return (o.restored_at - o.started_at).total_seconds() if o.restored_at else None


@dataclass
class LinkLine:
    link: Link
    uptime: Uptime
    block: Area | None
    outages: list[OutageLine] = field(default_factory=list)

    @property
    def target(self) -> Decimal | None:
        return self.link.sla.target_uptime if self.link.sla_id and self.link.sla else None

    @functools.cached_property
    def meets_target(self) -> bool | None:
        """None when there is no figure or no target to meet."""
        figure, target = self.uptime.percent, self.target
        if figure is None or target is None:
            return None
        return figure >= target


@dataclass
class GroupLine:
    """Links of one provider or one block together: in-service-weighted uptime (sum of up ÷
    sum of in service) and how many links with a figure met their SLA's target."""

    key: Any  # the Provider or the block's Area (None: links outside any block)
    links: int = 0
    with_figure: int = 0
    meeting: int = 0
    in_service_seconds: float = 0.0
    down_seconds: float = 0.0

    @property
    def percent(self) -> Decimal | None:
        return percent(self.in_service_seconds - self.down_seconds, self.in_service_seconds)

    def add(self, line: LinkLine) -> None:
        self.links += 1
        self.in_service_seconds += line.uptime.in_service_seconds
        self.down_seconds += line.uptime.down_seconds
        if line.uptime.percent is not None:
            self.with_figure += 1
        if line.meets_target:
            self.meeting += 1


@dataclass
class UptimeReport:
    month: dt.date
    start: dt.datetime
    end: dt.datetime
    links: list[LinkLine]
    providers: list[GroupLine]
    blocks: list[GroupLine]
    total: GroupLine

    @property
    def below_target_first(self) -> list[LinkLine]:
        """Links below their target first (lowest first), then the rest, then those without
        a figure."""

        def key(line: LinkLine) -> tuple[int, Decimal, str]:
            figure = line.uptime.percent
            rank = 0 if line.meets_target is False else (2 if figure is None else 1)
            return (rank, figure if figure is not None else HUNDRED, line.link.circuit_id)

        return sorted(self.links, key=key)


# --- intervals ---------------------------------------------------------------------------------


def _union(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract(intervals: Sequence[Interval], holes: Sequence[Interval]) -> list[Interval]:
    """``intervals`` (merged) without the parts inside ``holes`` (merged)."""
    result: list[Interval] = []
    for start, end in intervals:
        cursor = start
        for hole_start, hole_end in holes:
            if hole_end <= cursor or hole_start >= end:
                continue
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def _length(intervals: Iterable[Interval]) -> float:
    return sum((end - start).total_seconds() for start, end in intervals)


@functools.lru_cache(maxsize=512)
def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def month_bounds(month: dt.date) -> Interval:
    """The first moment of ``month`` and of the month after it, in the project's time zone."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return _day_start(first), _day_start(following)


# --- the computation -----------------------------------------------------------------------------


@dataclass
class _Facts:
    """What the computation reads besides the links, for all of them at once."""

    first_active: dict[int, dt.datetime]
    decommissioned: dict[int, dt.datetime]
    outages: dict[int, list[Outage | Span]]
    windows: _Windows
    now: dt.datetime


@dataclass
class _Windows:
    """Maintenance windows by the link they name, and by (provider, area path) for those on
    every link of a provider in an area."""

    on_link: dict[int, list[Interval]] = field(default_factory=dict)
    in_area: dict[tuple[int, str], list[Interval]] = field(default_factory=dict)

    def of(self, link: Link) -> list[Interval]:
        """The windows covering ``link``: its own, and its provider's in its site's area or
        any area above it (merged)."""
        spans = list(self.on_link.get(link.pk, ()))
        path = link.area.path
        for area_path in (*ancestor_paths(path), path):
            spans.extend(self.in_area.get((link.provider_id, area_path), ()))
        return _union(spans)


def _service_period(link: Link, start: dt.datetime, end: dt.datetime, facts: _Facts) -> Interval:
    if link.status in NEVER_IN_SERVICE:
        return (start, start)
    begins = (
        _day_start(link.install_date)
        if link.install_date
        else facts.first_active.get(link.pk, link.status_since)
    )
    ends = min(end, facts.now)
    if link.termination_date:
        ends = min(ends, _day_start(link.termination_date))
    if link.status == LinkStatus.DECOMMISSIONED:
        ends = min(ends, facts.decommissioned.get(link.pk, link.status_since))
    return (max(start, begins), ends)


def _link_line(link: Link, start: dt.datetime, end: dt.datetime, facts: _Facts) -> LinkLine:
    period_start, period_end = _service_period(link, start, end, facts)
    in_service = max(0.0, (period_end - period_start).total_seconds())
    short = dt.timedelta(minutes=link.sla.short_drop_minutes if link.sla else 0)
    windows = facts.windows.of(link)
    lines: list[OutageLine] = []
    counted: list[Interval] = []
    covered_until = period_start
    for outage in sorted(facts.outages.get(link.pk, []), key=lambda o: (o.started_at, o.pk)):
        stops = outage.restored_at or facts.now
        is_short = stops - outage.started_at < short
        seconds = 0.0
        if not is_short and in_service:
            # The part in the period not counted already by an earlier outage, less maintenance.
            own = (max(outage.started_at, covered_until), min(stops, period_end))
            if own[1] > own[0]:
                pieces = _subtract([own], windows)
                counted.extend(pieces)
                seconds = _length(pieces)
                covered_until = own[1]
        lines.append(
            OutageLine(
                outage=outage,
                counted_seconds=seconds,
                short_drop=is_short,
                respond_within=_within(outage.responded_at, outage.respond_due_at, facts.now),
                restore_within=_within(outage.restored_at, outage.restore_due_at, facts.now),
            )
        )
    down = _length(_union(counted))
    return LinkLine(link=link, uptime=Uptime(in_service, down), block=None, outages=lines)


def _within(done: dt.datetime | None, due: dt.datetime | None, now: dt.datetime) -> bool | None:
    """Was the step done by its due time? Not done yet: no once the due time has passed."""
    if due is None:
        return None
    if done is None:
        return None if now <= due else False
    return done <= due


def _facts(
    link_ids: list[int] | QuerySet[Any],
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    *,
    rows: bool,
) -> _Facts:
    """What the month needs about these links, in three queries; the outages as rows when
    ``rows``, else as spans (cheaper)."""
    first_active = dict(
        LinkEvent.objects.filter(link_id__in=link_ids, to_status=LinkStatus.ACTIVE)
        .values("link_id")
        .annotate(at=Min("at"))
        .values_list("link_id", "at")
    )
    decommissioned = dict(
        LinkEvent.objects.filter(link_id__in=link_ids, to_status=LinkStatus.DECOMMISSIONED)
        .values("link_id")
        .annotate(at=Min("at"))
        .values_list("link_id", "at")
    )
    outages: dict[int, list[Outage | Span]] = defaultdict(list)
    counted = (
        Outage.objects.filter(link_id__in=link_ids, started_at__lt=end)
        .filter(Q(restored_at__isnull=True) | Q(restored_at__gt=start))
        .exclude(status=OutageStatus.CANCELLED)
        .order_by("started_at", "pk")
    )
    found: Iterable[Outage | Span] = (
        counted.only(*ROW_FIELDS, "status", "cause", "provider_reference")
        if rows
        else (Span(*values) for values in counted.values_list(*SPAN_FIELDS))
    )
    for outage in found:
        outages[outage.link_id].append(outage)
    return _Facts(first_active, decommissioned, dict(outages), _Windows(), now)


def _windows(
    links: Sequence[Link], start: dt.datetime, end: dt.datetime, selected: QuerySet[Link] | None
) -> _Windows:
    """The maintenance windows that may cover ``links`` in [start, end) and were recorded
    before they started, in one query: those on one of the links, and those of the links'
    providers in the links' sites or the areas above them (not the state's every window)."""
    link_ids: Any = selected.values("pk") if selected is not None else [x.pk for x in links]
    site_ids: Any = (
        selected.values("area_id") if selected is not None else list({x.area_id for x in links})
    )
    above = {p for x in links for p in ancestor_paths(x.area.path)}
    on_areas = Q(link__isnull=True, provider_id__in={x.provider_id for x in links}) & (
        Q(area__path__in=above) | Q(area_id__in=site_ids)
    )
    found = _Windows()
    for link_id, provider_id, path, starts, ends in (
        MaintenanceWindow.objects.filter(
            starts_at__lt=end, ends_at__gt=start, created_at__lt=F("starts_at")
        )
        .filter(Q(link_id__in=link_ids) | on_areas)
        .values_list("link_id", "provider_id", "area__path", "starts_at", "ends_at")
    ):
        if link_id is not None:
            found.on_link.setdefault(link_id, []).append((starts, ends))
        else:
            found.in_area.setdefault((provider_id, path), []).append((starts, ends))
    return found


def _chunks(items: list[int], size: int = 2000) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def link_lines(
    links: Sequence[Link],
    start: dt.datetime,
    end: dt.datetime,
    *,
    now: dt.datetime | None = None,
    outage_rows: bool = False,
    selected: QuerySet[Link] | None = None,
) -> list[LinkLine]:
    """Each link's uptime and outages in [start, end): a few queries for all the links.
    ``selected`` is the query that chose ``links``: the other tables are read through it as a
    subquery; without it, by the links' ids, 2,000 at a time (SQLite takes a bounded number of
    parameters). ``outage_rows``: each outage line holds the Outage row (the SLA report), not
    only its times."""
    now = now or timezone.now()
    facts = _Facts({}, {}, {}, _windows(links, start, end, selected), now)
    chunks: Iterable[list[int] | QuerySet[Any]] = (
        [selected.values("pk")] if selected is not None else _chunks([x.pk for x in links])
    )
    for chunk in chunks:
        part = _facts(chunk, start, end, now, rows=outage_rows)
        facts.first_active.update(part.first_active)
        facts.decommissioned.update(part.decommissioned)
        facts.outages.update(part.outages)
    return [_link_line(link, start, end, facts) for link in links]


def link_uptime(
    link: Link, start: dt.datetime, end: dt.datetime, *, now: dt.datetime | None = None
) -> Uptime:
    """One link's uptime in [start, end) (the definition above)."""
    return link_lines([link], start, end, now=now)[0].uptime


# --- the report ----------------------------------------------------------------------------------


REPORT_FIELDS = (
    "circuit_id",
    "provider",
    "sla",
    "area",
    "office",
    "install_date",
    "termination_date",
    "status",
    "status_since",
    "area__path",
    "area__name",
    "area__name_hi",
    "area__kind",
    "office__name",
    "office__name_hi",
)


def report_links(*, user: Any) -> QuerySet[Link]:
    """The links the user sees, with what the report draws of each."""
    return (
        Link.objects.visible_to(user)
        .select_related("area", "office")
        # Few providers and service levels: each read once, not once per link.
        .prefetch_related(
            Prefetch("provider", Provider.objects.only("name", "name_hi", "code")),
            Prefetch("sla", Sla.objects.only("target_uptime", "short_drop_minutes")),
        )
        .only(*REPORT_FIELDS)
        .order_by("area__path", "provider__name", "circuit_id")
    )


def _blocks(links: Sequence[Link]) -> dict[int, Area | None]:
    """Each link's block (or municipality; else its district), in one query."""
    paths = {link.area.path for link in links}
    wanted = {p for path in paths for p in (*ancestor_paths(path), path)}
    found = {
        area.path: area
        for area in Area.objects.filter(path__in=wanted, kind__in=(*BLOCK_KINDS, AreaKind.DISTRICT))
    }

    def block_of(path: str) -> Area | None:
        chain = [found[p] for p in (*ancestor_paths(path), path) if p in found]
        blocks = [a for a in chain if a.kind in BLOCK_KINDS]
        if blocks:
            return blocks[-1]
        return chain[-1] if chain else None

    return {link.pk: block_of(link.area.path) for link in links}


def uptime_report(
    *,
    user: Any,
    month: dt.date,
    area: Area | None = None,
    provider: Provider | None = None,
    links: QuerySet[Link] | None = None,
    now: dt.datetime | None = None,
    outage_rows: bool = False,
) -> UptimeReport:
    """The month's uptime of the links the user sees (under ``area``, of ``provider``), per
    link, per provider and per block. ``links`` is a narrower queryset of them (a filter
    set's), already scoped to the user."""
    start, end = month_bounds(month)
    qs = links if links is not None else report_links(user=user)
    if area is not None:
        qs = qs.filter(area__path__startswith=area.path)
    if provider is not None:
        qs = qs.filter(provider=provider)
    rows = list(qs)
    lines = link_lines(rows, start, end, now=now, outage_rows=outage_rows, selected=qs)
    blocks = _blocks(rows)
    by_provider: dict[int, GroupLine] = {}
    by_block: dict[int | None, GroupLine] = {}
    total = GroupLine(key=None)
    for line in lines:
        line.block = blocks.get(line.link.pk)
        by_provider.setdefault(line.link.provider_id, GroupLine(key=line.link.provider)).add(line)
        block_key = line.block.pk if line.block else None
        by_block.setdefault(block_key, GroupLine(key=line.block)).add(line)
        total.add(line)
    return UptimeReport(
        month=month.replace(day=1),
        start=start,
        end=end,
        links=lines,
        providers=sorted(by_provider.values(), key=lambda g: str(g.key.label)),
        blocks=sorted(by_block.values(), key=lambda g: g.key.path if g.key else ""),
        total=total,
    )


def district_uptime(*, user: Any, month: dt.date) -> Decimal | None:
    """The in-service-weighted uptime of every link the user sees in ``month`` (the home
    block's figure); None when none was in service."""
    return uptime_report(user=user, month=month).total.percent


def report_providers(*, user: Any) -> QuerySet[Provider]:
    """Providers with a link the user sees (the report's choices)."""
    return Provider.objects.filter(
        pk__in=Link.objects.visible_to(user).values("provider_id")
    ).order_by("name")
