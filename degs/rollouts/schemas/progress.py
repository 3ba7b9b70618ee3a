"""Shapes of a programme's progress in the API (docs/rollouts.md, "Progress: how it is
counted")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


class FiguresOut(Schema):
    """The counts of a set of targets on the day: ``area`` is the block, circle or district
    of a row (null in the total)."""

    area_id: int | None
    label: str
    in_set: int
    done: int
    due: int
    on_time: int
    overdue: int
    weight_done: int
    weight_total: int

    @staticmethod
    def resolve_area_id(obj: Any) -> int | None:
        return obj.area.pk if obj.area is not None else None


class ProgressOut(Schema):
    day: dt.date
    total: FiguresOut
    blocks: list[FiguresOut]
    districts: list[FiguresOut]
    overdue: list[int]

    @staticmethod
    def resolve_overdue(obj: Any) -> list[int]:
        return [t.pk for t in obj.overdue]
