"""The figures API's schemas (docs/indicators.md, "Summaries": the fields)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from degs.core.api import Id
from degs.core.schemas import Text
from degs.indicators.periods import BadPeriod, Period


def _period(value: str) -> str:
    try:
        return Period.parse(value).code
    except BadPeriod:
        raise PydanticCustomError(
            "period",
            _("Give a period as 2026-04 (a month), 2026-27-Q1 (a quarter) or 2026-27 (a year)."),
        ) from None


PeriodCode = Annotated[Text, AfterValidator(_period), Field(max_length=10)]


class FiguresQuery(Schema):
    """Which figures: one indicator (all shown on the dashboard when left out), one area the
    caller sees, one period; ``level=children`` for the areas one level below it."""

    area: Id = Field(description="the area's id")
    period: PeriodCode = Field(
        description="2026-04 (a month), 2026-27-Q1 (a financial-year quarter), 2026-27 (a year)"
    )
    indicator: Text = Field("", max_length=50, description="an indicator's code")
    level: Literal["", "children"] = Field(
        "", description="empty: the area itself; children: the areas one level below it"
    )


class FigureOut(Schema):
    """One indicator worked out for one area and period."""

    indicator: str = Field(description="the indicator's code")
    area_id: int
    area_name: str
    area_name_hi: str
    area_kind: str = Field(
        description="state, district, subdivision, tehsil, block, gram_panchayat"
    )
    lgd_code: str = Field(description="the area's LGD code, empty when it has none")
    period: str = Field(description="the period's code")
    numerator: float | None = Field(description="null: not reported")
    denominator: float | None = Field(description="null: not reported, or no denominator")
    value: float | None = Field(
        description="numerator / denominator * factor; null: not reported or division by zero"
    )
    target: float | None = Field(description="the target it is read against; null: none set")
    expected: int = Field(description="reports due by today")
    reported: int = Field(description="reports received")
    late: int = Field(description="reports received after their due day")
    is_demo: bool = Field(description="made from demo values")
    refreshed_at: dt.datetime = Field(description="when the figure was worked out")
