"""The DC's dashboard (a block officer's for the block): an area's programme figures for a
period, each against its target and the period before, with how completely it was reported,
its trend and where to drill down; and the ranking of the area's children on one indicator.

Everything here reads the maintained figures (``degs.indicators.selectors.figures``) and the
small catalogue tables (indicators, data elements), never the base tables: the number of
queries is the same for a block of 10 panchayats as for a district of 400 (docs/dashboards.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.urls import reverse

from degs.core.figures import figure_source
from degs.core.models import in_reader_language
from degs.core.permissions import capability_paths, require_capability
from degs.core.scoping import ancestor_paths
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import Source
from degs.indicators.models import Figure, Indicator
from degs.indicators.periods import Period
from degs.indicators.selectors import figures as figures_selectors
from degs.reviews.choices import Concern

VIEW = "indicators.view"
# The "level" of an indicator counted from the project's records (no reports are due).
COUNTED = "counted"
TREND_LENGTH = 12
# The computed indicators of the "what is overdue" block, in the order it shows them.
OVERDUE_CODES = (
    "directives_overdue",
    "services_pending_late",
    "outages_past_clock",
    "rollout_late",
)
# Areas whose figures are kept one level down (a panchayat has no children on the dashboard).
LEAF_KINDS = frozenset({AreaKind.GRAM_PANCHAYAT, AreaKind.VILLAGE, AreaKind.WARD})


# --- which area, which period --------------------------------------------------------------------


def home_area(*, user: Any) -> Area | None:
    """The top area where the user may see programme figures: a DC's or DIO's district, a
    block officer's block; None when the user sees them everywhere (a superuser). Of several
    areas, the largest first, then by the tree's order."""
    paths = capability_paths(user, VIEW)
    if paths is None:
        return None
    if not paths:
        raise Http404
    return Area.objects.filter(path__in=paths).order_by("depth", "path").first()


def dashboard_area_get(*, user: Any, pk: int) -> Area:
    """An area the user sees and may read figures at; 404 outside the user's areas (as for
    one that does not exist), 403 inside them without ``indicators.view``."""
    area = figures_selectors.area_get(user=user, pk=pk)
    require_capability(user, VIEW, area)
    return area


def visible_ancestors(*, user: Any, area: Area) -> list[Area]:
    """The areas above ``area`` that the user also sees (the way back up), root first."""
    return list(
        Area.objects.visible_to(user).filter(path__in=ancestor_paths(area.path)).order_by("depth")
    )


# --- what the page shows -------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One period of a trend."""

    period: Period
    value: Decimal | None
    target: Decimal | None


@dataclass
class Tile:
    """One indicator of the dashboard at one area and period."""

    indicator: Indicator
    figure: Figure | None
    before: Figure | None
    trend: list[Point]
    level: str  # the kind of area that reports the indicator's figures
    rows_url: str = ""
    ranking_url: str = ""

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def counted(self) -> bool:
        return self.level == COUNTED

    @property
    def value(self) -> Decimal | None:
        return self.figure.value if self.figure else None

    @property
    def target(self) -> Decimal | None:
        return self.figure.target if self.figure else None

    @property
    def unit(self) -> str:
        return unit_of(self.indicator)

    @property
    def reached(self) -> bool | None:
        """Target reached (by direction); None without a figure or a target."""
        return figures_selectors.against_target(self.figure, self.indicator)

    @property
    def change(self) -> Decimal | None:
        """The figure less the period before's (None if either is missing)."""
        return figures_selectors.Change(
            self.value, self.before.value if self.before else None
        ).delta

    @property
    def change_abs(self) -> Decimal | None:
        return abs(self.change) if self.change is not None else None

    @property
    def better(self) -> bool | None:
        """Is the change for the better, by the indicator's direction? None: no change known
        or none at all."""
        change = self.change
        if not change:
            return None
        return (change > 0) == self.indicator.higher_is_better

    @property
    def is_demo(self) -> bool:
        return bool(self.figure and self.figure.is_demo)

    @property
    def chart_id(self) -> str:
        return f"trend-{self.indicator.code}"

    @property
    def chart(self) -> dict[str, Any]:
        """The trend for charts.js (read through json_script)."""
        return {
            "labels": [p.period.label for p in self.trend],
            "values": [_number(p.value) for p in self.trend],
            "targets": [_number(p.target) for p in self.trend],
            "decimals": self.indicator.decimals,
        }


@dataclass
class Domain:
    code: str
    label: str
    tiles: list[Tile]


@dataclass
class Dashboard:
    area: Area
    period: Period
    domains: list[Domain]
    overdue: list[Tile]
    overdue_period: Period
    refreshed_at: dt.datetime | None
    ancestors: list[Area] = field(default_factory=list)

    @property
    def is_demo(self) -> bool:
        return any(t.is_demo for d in self.domains for t in d.tiles) or any(
            t.is_demo for t in self.overdue
        )

    @property
    def has_children(self) -> bool:
        return self.area.kind not in LEAF_KINDS

    @property
    def empty(self) -> bool:
        return not any(t.figure for d in self.domains for t in d.tiles)


def unit_of(indicator: Indicator) -> str:
    """The indicator's unit in the reader's language."""
    return in_reader_language(indicator.unit, indicator.unit_hi)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def rows_url(indicator: Indicator, area: Area, period: Period) -> str:
    """The list of rows behind the indicator's figure at ``area`` ("" when the indicator has no
    drill source, or its source is not installed or gives no list)."""
    if not indicator.drill_url:
        return ""
    source = figure_source(indicator.drill_url)
    if source is None or source.rows is None:
        return ""
    return source.rows(area, period.start, period.end) or ""


def ranking_url(indicator: Indicator, area: Area, period: Period) -> str:
    if area.kind in LEAF_KINDS:
        return ""
    url = reverse("dashboards:ranking", args=[area.pk, indicator.code])
    return f"{url}?period={period.code}"


def _point(period: Period, figure: Figure | None) -> Point:
    return Point(period, figure.value if figure else None, figure.target if figure else None)


def _levels(indicators: Sequence[Indicator]) -> dict[int, str]:
    """The kind of area that reports each indicator (its reporting element's entry level), or
    ``COUNTED`` for one counted from the project's records."""
    levels = {
        code: COUNTED if source == Source.COMPUTED else level
        for code, (level, source) in figures_selectors.element_levels().items()
    }
    return {
        i.pk: levels.get(code, "") for i in indicators if (code := i.reporting_element) is not None
    }


def dashboard_get(*, user: Any, area: Area, period: Period) -> Dashboard:
    """The area's dashboard for the period: each domain's indicators with their figure, the
    period before, a 12-period trend and drill links; the overdue block from the current
    month's figures; when the figures were worked out. A fixed number of queries."""
    indicators = figures_selectors.indicators_shown()
    trend_periods = period.trend(TREND_LENGTH)
    # What is overdue now: the current month's figures, whatever period is shown; read with
    # the trend when the period is a month (one query for both).
    now = Period.current()
    together = now.type == period.type
    over = figures_selectors.figures_over(
        area, [*trend_periods, now] if together else trend_periods, indicators
    )
    levels = _levels(indicators)
    previous = period.previous()
    tiles: dict[str, list[Tile]] = {}
    by_code: dict[str, Indicator] = {}
    for indicator in indicators:
        by_code[indicator.code] = indicator
        figure = over.get((indicator.pk, period.start))
        trend = [_point(p, over.get((indicator.pk, p.start))) for p in trend_periods]
        tile = Tile(
            indicator=indicator,
            figure=figure,
            before=over.get((indicator.pk, previous.start)),
            trend=trend,
            level=levels.get(indicator.pk, ""),
            rows_url=rows_url(indicator, area, period),
            ranking_url=ranking_url(indicator, area, period),
        )
        tiles.setdefault(indicator.domain, []).append(tile)
    domains = [
        Domain(code, str(label), tiles[code]) for code, label in Concern.choices if code in tiles
    ]
    wanted = [by_code[c] for c in OVERDUE_CODES if c in by_code]
    if together:
        current = {i.pk: f for i in wanted if (f := over.get((i.pk, now.start))) is not None}
    else:
        current = figures_selectors.figures_at(area, now, wanted) if wanted else {}
    overdue = [
        Tile(
            indicator=i,
            figure=current.get(i.pk),
            before=None,
            trend=[],
            level=levels.get(i.pk, ""),
            rows_url=rows_url(i, area, now),
            ranking_url=ranking_url(i, area, now),
        )
        for i in wanted
    ]
    ancestors = visible_ancestors(user=user, area=area)
    return Dashboard(
        area=area,
        period=period,
        domains=domains,
        overdue=overdue,
        overdue_period=now,
        refreshed_at=min(
            (f.refreshed_at for (_pk, start), f in over.items() if start == period.start),
            default=None,
        ),
        ancestors=ancestors,
    )


# --- one indicator across the area's children ----------------------------------------------------


@dataclass
class RankedChild:
    rank: int
    figure: Figure
    indicator: Indicator
    rows_url: str

    @property
    def area(self) -> Area:
        return self.figure.area

    @property
    def reached(self) -> bool | None:
        return figures_selectors.against_target(self.figure, self.indicator)


@dataclass
class Ranking:
    area: Area
    indicator: Indicator
    period: Period
    figure: Figure | None
    children: list[RankedChild]
    level: str
    rows_url: str
    refreshed_at: dt.datetime | None

    @property
    def unit(self) -> str:
        return unit_of(self.indicator)

    @property
    def counted(self) -> bool:
        return self.level == COUNTED

    @property
    def is_demo(self) -> bool:
        return bool(self.figure and self.figure.is_demo) or any(
            c.figure.is_demo for c in self.children
        )

    @property
    def reached(self) -> bool | None:
        return figures_selectors.against_target(self.figure, self.indicator)


def indicator_get(code: str) -> Indicator:
    """An indicator shown on the dashboard, by code; 404 otherwise."""
    found = figures_selectors.indicators_shown([code])
    if not found:
        raise Http404
    return found[0]


# Administrative levels between a district and its blocks (a subdivision holds blocks and
# tehsils side by side): a district's and a subdivision's ranking is of their blocks.
BLOCKS_RANKED = frozenset({AreaKind.DISTRICT, AreaKind.SUBDIVISION})
BETWEEN = frozenset({AreaKind.SUBDIVISION, AreaKind.TEHSIL})


def ranked_level(area: Area, period: Period, indicator: Indicator) -> list[Figure]:
    """The figures the ranking compares: a district's blocks (through its subdivisions where
    blocks sit under them: two queries), a subdivision's blocks, a block's panchayats, a
    state's districts (the level below: one query)."""
    below = figures_selectors.children_figures(area, period, [indicator])
    if area.kind not in BLOCKS_RANKED:
        return below
    blocks = [f for f in below if f.kind == AreaKind.BLOCK]
    between = [f.area_id for f in below if f.kind in BETWEEN]
    if area.kind == AreaKind.DISTRICT and between:
        blocks += Figure.objects.filter(
            parent__in=between,
            kind=AreaKind.BLOCK,
            indicator=indicator,
            period_type=period.type,
            period_start=period.start,
        ).select_related("area")
    return blocks


def ranking_get(*, area: Area, indicator: Indicator, period: Period) -> Ranking:
    """The area's children (a district's blocks, a block's panchayats) on one indicator, best
    first by its direction, each with its figure, target, reports and the rows behind it."""
    if area.kind in LEAF_KINDS:
        raise Http404
    children = figures_selectors.ranked(ranked_level(area, period, indicator), indicator)
    own = figures_selectors.figures_at(area, period, [indicator]).get(indicator.pk)
    return Ranking(
        area=area,
        indicator=indicator,
        period=period,
        figure=own,
        children=[
            RankedChild(n, f, indicator, rows_url(indicator, f.area, period))
            for n, f in enumerate(children, start=1)
        ],
        level=_levels([indicator]).get(indicator.pk, ""),
        rows_url=rows_url(indicator, area, period),
        refreshed_at=own.refreshed_at if own else None,
    )
