"""Shapes of the programmes part in the API: a programme (with its milestones and today's
figures over what the caller sees), a target, and what a caller sends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from degs.core.api import Id
from degs.core.schemas import Text
from degs.directory.schemas import AreaRef, OfficeRef


class MilestoneOut(Schema):
    id: int
    order: int
    name: str
    name_hi: str
    weight: int
    evidence: str
    planned_on: dt.date | None


class ProgrammeOut(Schema):
    """A programme; ``done`` of ``in_set`` are its targets the caller sees, done and in the set
    today (a block officer's are their block's)."""

    id: int
    code: str
    name: str
    name_hi: str
    description: str
    description_hi: str
    kind: str
    area: AreaRef
    status: str
    starts_on: dt.date
    due_on: dt.date
    version: int
    done: int = Field(0, alias="done_now")
    in_set: int = Field(0, alias="in_set_now")


class ProgrammeDetailOut(ProgrammeOut):
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(obj: Any) -> list[Any]:
        return list(obj.milestones.order_by("order"))


class RolloutTargetOut(Schema):
    """A place of the set: an office, or a gram panchayat without one (``office`` null)."""

    id: int
    programme_id: int
    office: OfficeRef | None
    area: AreaRef
    joined_on: dt.date
    left_on: dt.date | None
    left_because: str
    due_on: dt.date | None
    done_on: dt.date | None
    version: int


class ProgrammeIn(Schema):
    name: Text = Field(..., min_length=1, max_length=200)
    name_hi: Text = Field("", max_length=200)
    description: Text = Field("", max_length=5000)
    description_hi: Text = Field("", max_length=5000)
    kind: Text = Field(..., description="a kind of programme (code)")
    area: Id = Field(..., description="the district or state whose programme it is")
    starts_on: dt.date
    due_on: dt.date


class TargetsIn(Schema):
    """Targets by list (``offices``) or by filter (``under`` with ``office_kinds`` and/or
    ``panchayats``); one already in the set is left as it is."""

    offices: list[Id] = Field(default_factory=list, max_length=5000)
    under: Id | None = None
    office_kinds: list[Text] = Field(default_factory=list, max_length=20)
    panchayats: bool = False
    joined_on: dt.date | None = None
    due_on: dt.date | None = None


class TargetRemoveIn(Schema):
    left_on: dt.date
    left_because: Text = Field(..., description="closed, merged, not_needed or mistake")
    remark: Text = Field("", max_length=2000)
    version: int | None = None
