"""The tickets and schedules parts' API shapes: a ticket as read, opening one and acting on
it; a schedule as read and as made."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from degs.assets.choices import TicketKind
from degs.core.api import MAX_ID
from degs.core.schemas import Text

# The largest id a row can have (as core.api's Id; schemas do not import the API layer).


class TicketOut(Schema):
    id: int
    kind: str
    asset_id: int | None
    link_id: int | None
    office_id: int | None
    area_id: int
    title: str
    description: str
    priority_id: int
    status: str
    opened_at: dt.datetime
    opened_by_id: int | None
    own_due_at: dt.datetime | None
    resolve_due_at: dt.datetime | None
    owner_id: int | None
    owned_at: dt.datetime | None
    resolved_at: dt.datetime | None
    resolution: str
    vendor_id: int | None
    cost_paise: int | None
    schedule_id: int | None
    due_on: dt.date | None
    version: int


class TicketIn(Schema):
    """One of ``asset``, ``link``, ``office``."""

    asset: int | None = Field(None, ge=1, le=MAX_ID)
    link: int | None = Field(None, ge=1, le=MAX_ID)
    office: int | None = Field(None, ge=1, le=MAX_ID)
    title: Text = Field(..., max_length=200)
    kind: Text = Field(TicketKind.FAULT, max_length=20)
    priority: int = Field(..., ge=1, le=MAX_ID)
    description: Text = Field("", max_length=4000)
    send_for_repair: bool = False


class TicketActIn(Schema):
    action: Text = Field(..., max_length=20, description="own, resolve, reopen, close or cancel")
    version: int | None = Field(None, ge=1, le=2_000_000_000)
    remark: Text = Field("", max_length=4000, description="what was done, or why")
    vendor: int | None = Field(None, ge=1, le=MAX_ID)
    cost_paise: int | None = Field(None, ge=0, le=10_000_000_000)
    back_in_use: bool = False


class ScheduleOut(Schema):
    id: int
    title: str
    title_hi: str
    area_id: int
    asset_id: int | None
    category_id: int | None
    every_days: int
    next_due_on: dt.date
    lead_days: int
    priority_id: int
    vendor_id: int | None
    is_active: bool
    version: int


class ScheduleIn(Schema):
    """For one ``asset``, or for every asset of ``category`` under ``area``."""

    title: Text = Field(..., max_length=200)
    title_hi: Text = Field("", max_length=200)
    asset: int | None = Field(None, ge=1, le=MAX_ID)
    category: int | None = Field(None, ge=1, le=MAX_ID)
    area: int | None = Field(None, ge=1, le=MAX_ID)
    every_days: int = Field(..., ge=1, le=3660)
    next_due_on: dt.date
    lead_days: int = Field(7, ge=0, le=3659)
    priority: int = Field(..., ge=1, le=MAX_ID)
    vendor: int | None = Field(None, ge=1, le=MAX_ID)
