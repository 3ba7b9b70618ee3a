"""Schemas of the values' API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from degs.core.api import Id
from degs.core.schemas import Text
from degs.indicators.choices import Category


class ValueOut(Schema):
    """One value: an element's figure for an area, period and category."""

    id: int
    element: str = Field(description="the data element's code")
    element_id: int
    area_id: int
    area: str
    district_id: int
    period: str = Field(description="the period's code: 2026-04, 2026-27-Q1 or 2026-27")
    category: str
    value: Decimal
    comment: str
    origin: str
    is_demo: bool
    is_late: bool
    entered_by: str | None
    entered_at: dt.datetime
    version: int

    @staticmethod
    def resolve_element(obj: Any) -> str:
        return str(obj.element.code)

    @staticmethod
    def resolve_area(obj: Any) -> str:
        return str(obj.area.label)

    @staticmethod
    def resolve_period(obj: Any) -> str:
        return str(obj.period.code)

    @staticmethod
    def resolve_entered_by(obj: Any) -> str | None:
        return obj.entered_by.username if obj.entered_by else None


class ValueIn(Schema):
    """One figure to enter or change: ``version`` is the version read (none if no value was
    there); a figure changed since answers 409 naming who changed it and when."""

    element_id: Id
    area_id: Id
    period: Annotated[Text, Field(max_length=10, description="2026-04, 2026-27-Q1 or 2026-27")]
    category: Annotated[Text, Field(max_length=20)] = Field(
        "", description="empty, or " + ", ".join(c.value for c in Category if c)
    )
    value: Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=4)]
    comment: Annotated[Text, Field(max_length=300)] = ""
    version: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None


class ValueRemoveIn(Schema):
    """The version read of the value to take back."""

    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
