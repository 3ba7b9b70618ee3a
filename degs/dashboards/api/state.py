"""The state's view as JSON: the districts the caller sees in a state ranked for one indicator
and period (``selectors.state``), with the reports beside each rank."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from degs.core.api import Id
from degs.core.permissions import require_section
from degs.core.schemas import Text
from degs.core.typing import AuthedRequest
from degs.dashboards.selectors.state import state_view
from degs.directory.models import Area
from degs.indicators.models import Indicator
from degs.indicators.periods import BadPeriod, Period

router = Router(tags=["dashboards"])


class StateWords(Schema):
    """Words in English and in Hindi (master data's two fields; an empty Hindi takes the
    English)."""

    en: str
    hi: str


class StateAreaOut(Schema):
    id: int
    name: StateWords
    population: int | None  # the census count; null when not recorded


class StateIndicatorOut(Schema):
    code: str
    name: StateWords
    unit: StateWords
    decimals: int
    higher_is_better: bool
    rank_per_population: bool


class StateStandingOut(Schema):
    """One district's place: its rank (null: not ranked, ``unranked`` says why), the number it
    is ranked by (``score``, an exact decimal string) and its reports."""

    rank: int | None
    district: StateAreaOut
    score: str | None
    value: str | None
    target: str | None
    unranked: Literal["", "not_reported", "no_population", "no_target", "nil_target"]
    reason: str  # ``unranked`` in the reader's language
    expected: int
    reported: int
    late: int
    completeness: str | None  # reports received per 100 due; null for a computed figure


class StateRankingOut(Schema):
    state: StateAreaOut | None
    whole_state: bool  # false: only the districts in the caller's areas are ranked
    period: str
    indicator: StateIndicatorOut | None
    basis: Literal["value", "per_lakh", "of_target"]
    standings: list[StateStandingOut]


class StateQuery(Schema):
    indicator: Text | None = None
    period: Text | None = None  # 2026-04, 2026-27-Q1 or 2026-27; the last month over if none
    basis: Literal["value", "per_lakh", "of_target"] | None = None
    state: Id | None = None


def _words(en: str, hi: str) -> dict[str, str]:
    return {"en": en, "hi": hi or en}


def _area(area: Area) -> dict[str, Any]:
    return {
        "id": area.pk,
        "name": _words(area.name, area.name_hi),
        "population": area.population,
    }


def _number(value: Decimal | None) -> str | None:
    """An exact decimal string to four places at most, without trailing zeros."""
    if value is None:
        return None
    text = format(value.quantize(Decimal("0.0001")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": _words(indicator.name, indicator.name_hi),
        "unit": _words(indicator.unit, indicator.unit_hi),
        "decimals": indicator.decimals,
        "higher_is_better": indicator.higher_is_better,
        "rank_per_population": indicator.rank_per_population,
    }


@router.get("/state", response=StateRankingOut)
def get_state_ranking(request: AuthedRequest, params: Query[StateQuery]) -> object:
    """The districts of a state the caller sees, ranked for an indicator and period: by the
    figure itself, per lakh people (a count per head only) or as a share of the target."""
    require_section(request.user, "dashboards")
    period = None
    if params.period:
        try:
            period = Period.parse(params.period)
        except BadPeriod as bad:
            raise ValidationError(
                {"period": _("Give a month (2026-04), a quarter (2026-27-Q1) or a year (2026-27).")}
            ) from bad
    view = state_view(
        user=request.user,
        indicator_code=params.indicator,
        period=period,
        basis=params.basis,
        state_id=params.state,
    )
    if params.state is not None and (view.state is None or view.state.pk != params.state):
        raise Http404
    if params.indicator and (view.indicator is None or view.indicator.code != params.indicator):
        raise Http404
    return {
        "state": _area(view.state) if view.state else None,
        "whole_state": view.whole_state,
        "period": view.period.code,
        "indicator": _indicator(view.indicator) if view.indicator else None,
        "basis": view.basis,
        "standings": [
            {
                "rank": s.rank,
                "district": _area(s.district),
                "score": _number(s.score),
                "value": _number(s.value),
                "target": _number(s.target),
                "unranked": s.unranked,
                "reason": str(s.reason),
                "expected": s.expected,
                "reported": s.reported,
                "late": s.late,
                "completeness": _number(s.completeness),
            }
            for s in view.standings
        ],
    }
