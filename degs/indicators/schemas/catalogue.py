"""Shapes of the catalogue part in the API: a data element, an indicator (with its elements),
a target, and a target as a caller sets it. Names carry the app's prefix (``Indicator…``) so
they stay unique in the OpenAPI description."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from degs.core.api import Id
from degs.core.schemas import Text
from degs.directory.schemas import AreaRef


class IndicatorElementOut(Schema):
    """A data element: what is counted, where and how often, entered or computed by a
    figure source (``figure_source``)."""

    id: int
    code: str
    name: str
    name_hi: str
    domain: str
    source: str
    figure_source: str
    period_type: str
    over_time: str
    disaggregation: str
    entry_level: str
    due_days: int
    whole_numbers: bool
    press_note_programme: str
    is_active: bool


class IndicatorOut(Schema):
    """An indicator: numerator ÷ denominator x factor over elements (``#{code}``)."""

    id: int
    code: str
    name: str
    name_hi: str
    domain: str
    numerator: str
    denominator: str
    factor: int
    unit: str
    unit_hi: str
    decimals: int
    higher_is_better: bool
    on_dashboard: bool
    is_active: bool


class IndicatorTargetOut(Schema):
    """A target: the figure an area should reach for an indicator in a period (its code:
    ``2026-04``, ``2026-27-Q1`` or ``2026-27``). Send ``version`` back to change it."""

    id: int
    indicator_id: int
    indicator_name: str
    area: AreaRef
    period: str
    period_type: str
    period_start: dt.date
    value: Decimal
    version: int

    @staticmethod
    def resolve_indicator_name(obj: Any) -> str:
        return str(obj.indicator.name)

    @staticmethod
    def resolve_period(obj: Any) -> str:
        return str(obj.period.code)


class IndicatorTargetIn(Schema):
    """Set a target. ``version``: the target's version as last read (null: there was none);
    someone else's change in between answers 409 naming who and when."""

    indicator: Id
    area: Id
    period: Text = Field(..., max_length=12)
    value: Decimal = Field(..., ge=0, max_digits=20, decimal_places=4)
    version: int | None = Field(None, ge=1)
