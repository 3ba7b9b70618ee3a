"""Shapes of the directive targets in the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from degs.core.schemas import Text
from degs.directory.schemas import AreaRef


class TargetOut(Schema):
    """A set of links, rooms or phones, with its progress read live: ``done`` of ``total``
    have reached the goal (a link active, a room ready for VC, a phone working)."""

    id: int
    name: str
    name_hi: str
    area: AreaRef
    what: str
    office_kind: str
    link_kind: str
    due_date: dt.date | None
    done: int
    total: int

    @staticmethod
    def resolve_done(obj: Any) -> int:
        return int(_progress(obj)[0])

    @staticmethod
    def resolve_total(obj: Any) -> int:
        return int(_progress(obj)[1])


def _progress(obj: Any) -> tuple[int, int]:
    cached: tuple[int, int] | None = getattr(obj, "_progress", None)
    if cached is None:
        cached = obj._progress = obj.progress()
    return cached


class TargetIn(Schema):
    name: Text = Field(..., min_length=1, max_length=200)
    name_hi: Text = Field("", max_length=200)
    area: int = Field(..., gt=0, lt=2**31)
    what: Text = Field(..., description="links, rooms or phones")
    office_kind: Text = Field("", description="a kind of office (code), or empty for all")
    link_kind: Text = Field("", description="a kind of link (code), or empty for all")
    due_date: dt.date | None = None
