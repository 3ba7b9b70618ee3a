"""The state's view: the districts of a state ranked per indicator for a period, read from the
maintained figures (``Figure``) and the districts' census populations.

A district is ranked by its figure itself, per lakh people (only for an indicator marked
``rank_per_population``: a count that compares districts fairly only per head) or as a share
of its target, best first by the indicator's direction. A district that cannot be ranked on
the basis (no figure, no population, no target) is listed after the ranked ones with the
reason. Beside each rank: how complete and late the district's reports were, so a district
that ranks high on few reports shows it.

Scoping: only the districts the user sees (``Area.objects.visible_to``) are read; a state
admin sees the whole state, a DC only their own district. The reads are a fixed number of
queries whatever the number of districts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.core.scoping import root_path
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import Basis
from degs.indicators.models import Figure, Indicator
from degs.indicators.periods import Period, last_over
from degs.indicators.selectors.figures import indicators_shown

LAKH = Decimal(100_000)
HUNDRED = Decimal(100)

# Why a district has no rank on the chosen basis, by the code the API gives.
NOT_REPORTED, NO_POPULATION, NO_TARGET, NIL_TARGET = (
    "not_reported",
    "no_population",
    "no_target",
    "nil_target",
)
REASONS: dict[str, Promise] = {
    NOT_REPORTED: _("No figure for the period"),
    NO_POPULATION: _("No census population recorded for the district"),
    NO_TARGET: _("No target set for the period"),
    NIL_TARGET: _("The target is nil, so no share of it can be worked out"),
}


@dataclass(frozen=True)
class Standing:
    """One district's place for one indicator: its rank (None: not ranked, with ``reason``),
    the number it is ranked by (``score``) and its figure, whose reports say how complete the
    figure is."""

    district: Area
    figure: Figure | None
    score: Decimal | None
    rank: int | None
    unranked: str = ""  # why not ranked: a key of REASONS

    @property
    def reason(self) -> Promise | str:
        return REASONS.get(self.unranked, "")

    @property
    def value(self) -> Decimal | None:
        return None if self.figure is None else self.figure.value

    @property
    def target(self) -> Decimal | None:
        return None if self.figure is None else self.figure.target

    @property
    def expected(self) -> int:
        return 0 if self.figure is None else self.figure.expected

    @property
    def reported(self) -> int:
        return 0 if self.figure is None else self.figure.reported

    @property
    def late(self) -> int:
        return 0 if self.figure is None else self.figure.late

    @property
    def completeness(self) -> Decimal | None:
        return None if self.figure is None else self.figure.completeness

    @property
    def few_reports(self) -> bool:
        """Ranked on fewer than three in four of the reports due."""
        share = self.completeness
        return self.rank is not None and share is not None and share < 75


def basis_for(indicator: Indicator, requested: str | None) -> str:
    """The basis the indicator is ranked on: the one asked for, except per lakh people for an
    indicator that is not a count per head (then the figure itself). Asked for nothing: per
    lakh people where it applies, else the figure itself."""
    if requested == Basis.PER_LAKH and not indicator.rank_per_population:
        return Basis.VALUE
    if requested in Basis.values:
        return str(requested)
    return Basis.PER_LAKH if indicator.rank_per_population else Basis.VALUE


def _score(figure: Figure | None, district: Area, basis: str) -> tuple[Decimal | None, str]:
    if figure is None or figure.value is None:
        return None, NOT_REPORTED
    if basis == Basis.PER_LAKH:
        if not district.population:
            return None, NO_POPULATION
        return figure.value * LAKH / Decimal(district.population), ""
    if basis == Basis.OF_TARGET:
        if figure.target is None:
            return None, NO_TARGET
        if figure.target == 0:
            return None, NIL_TARGET
        return figure.value * HUNDRED / figure.target, ""
    return figure.value, ""


def rank_districts(
    districts: Iterable[Area],
    figures: Mapping[int, Figure],
    indicator: Indicator,
    basis: str,
) -> list[Standing]:
    """The districts best first on ``basis`` by the indicator's direction; equal scores share
    a rank and the next rank skips (1, 2, 2, 4); those without a score last, by name."""
    scored: list[tuple[Decimal, Area, Figure | None]] = []
    unscored: list[Standing] = []
    for district in districts:
        figure = figures.get(district.pk)
        score, reason = _score(figure, district, basis)
        if score is None:
            unscored.append(Standing(district, figure, None, None, reason))
        else:
            scored.append((score, district, figure))
    scored.sort(key=lambda row: row[1].name)
    scored.sort(key=lambda row: row[0], reverse=indicator.higher_is_better)  # stable
    standings: list[Standing] = []
    previous: Decimal | None = None
    rank = 0
    for position, (score, district, figure) in enumerate(scored, start=1):
        if score != previous:
            rank = position
            previous = score
        standings.append(Standing(district, figure, score, rank))
    unscored.sort(key=lambda s: s.district.name)
    return standings + unscored


@dataclass
class OverviewRow:
    """One district's rank for every indicator (None: not ranked), for the overview."""

    district: Area
    ranks: list[tuple[Indicator, int | None]] = field(default_factory=list)


@dataclass
class StateView:
    """What the state's view shows: the state, the districts the user sees in it, the chosen
    indicator's ranking and every indicator's ranks."""

    state: Area | None
    states: list[Area]
    districts: list[Area]
    whole_state: bool
    indicators: list[Indicator]
    indicator: Indicator | None
    period: Period
    basis: str
    basis_requested: str
    standings: list[Standing]
    overview: list[OverviewRow]

    @property
    def overview_by_indicator(self) -> list[tuple[Indicator, list[int | None]]]:
        """The overview turned round: each indicator with the districts' ranks in order."""
        return [
            (indicator, [row.ranks[position][1] for row in self.overview])
            for position, indicator in enumerate(self.indicators)
        ]

    @property
    def basis_changed(self) -> bool:
        """Per lakh people was asked for an indicator that is not a count per head."""
        return self.basis_requested == Basis.PER_LAKH and self.basis != Basis.PER_LAKH


def state_view(
    *,
    user: Any,
    indicator_code: str | None = None,
    period: Period | None = None,
    basis: str | None = None,
    state_id: int | None = None,
) -> StateView:
    """The ranking the user may see: the districts of one state among those the user sees
    (``state_id``, else the first state by name), every shown indicator's figures for the
    period in one query, the chosen indicator ranked on the basis (per lakh people where it
    applies when none is asked for)."""
    period = period or last_over()
    districts_seen = list(
        Area.objects.visible_to(user)
        .filter(kind=AreaKind.DISTRICT)
        .only("pk", "name", "name_hi", "path", "population", "parent_id", "kind")
    )
    by_state: dict[str, list[Area]] = defaultdict(list)
    for district in districts_seen:
        by_state[root_path(district.path)].append(district)
    states = sorted(
        Area.objects.filter(path__in=list(by_state), kind=AreaKind.STATE), key=lambda a: a.name
    )
    state = next((s for s in states if s.pk == state_id), states[0] if states else None)
    districts = sorted(by_state.get(state.path, []) if state else [], key=lambda a: a.name)
    whole_state = bool(
        state
        and len(districts) == Area.objects.filter(parent=state, kind=AreaKind.DISTRICT).count()
    )
    indicators = indicators_shown()
    indicator = next((i for i in indicators if i.code == indicator_code), None) or (
        indicators[0] if indicators else None
    )
    figures = _figures(districts, indicators, period)
    chosen = basis_for(indicator, basis) if indicator else Basis.VALUE
    standings = (
        rank_districts(districts, figures.get(indicator.pk, {}), indicator, chosen)
        if indicator
        else []
    )
    return StateView(
        state=state,
        states=states,
        districts=districts,
        whole_state=whole_state,
        indicators=indicators,
        indicator=indicator,
        period=period,
        basis=chosen,
        basis_requested=basis if basis in Basis.values else chosen,
        standings=standings,
        overview=_overview(districts, indicators, figures, basis),
    )


def _figures(
    districts: Sequence[Area], indicators: Sequence[Indicator], period: Period
) -> dict[int, dict[int, Figure]]:
    """Every indicator's figure of each district in the period, by indicator then district;
    one query."""
    found: dict[int, dict[int, Figure]] = defaultdict(dict)
    if not districts or not indicators:
        return found
    rows = Figure.objects.filter(
        area__in=[d.pk for d in districts],
        period_type=period.type,
        period_start=period.start,
        indicator__in=[i.pk for i in indicators],
    )
    for figure in rows:
        found[figure.indicator_id][figure.area_id] = figure
    return found


def _overview(
    districts: Sequence[Area],
    indicators: Sequence[Indicator],
    figures: Mapping[int, Mapping[int, Figure]],
    basis: str | None,
) -> list[OverviewRow]:
    rows = {d.pk: OverviewRow(d) for d in districts}
    for indicator in indicators:
        standings = rank_districts(
            districts, figures.get(indicator.pk, {}), indicator, basis_for(indicator, basis)
        )
        for standing in standings:
            rows[standing.district.pk].ranks.append((indicator, standing.rank))
    return [rows[d.pk] for d in districts]
