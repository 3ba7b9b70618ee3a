"""The outages part's API shapes: an outage as read, and what opening it and each step take."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from degs.connectivity.choices import DetectedBy, OutageCause
from degs.core.api import MAX_ID
from degs.core.schemas import Text

# The largest id a row can have (as core.api's Id; schemas do not import the API layer).


class OutageLinkRef(Schema):
    id: int
    circuit_id: str
    provider_id: int
    area_id: int
    office_id: int | None
    status: str


class OutageOut(Schema):
    id: int
    link: OutageLinkRef
    started_at: dt.datetime
    detected_by: str
    reported_by_id: int | None
    cause: str
    description: str
    status: str
    provider_reference: str
    responded_at: dt.datetime | None
    restored_at: dt.datetime | None
    respond_due_at: dt.datetime | None
    restore_due_at: dt.datetime | None
    resolution: str
    escalation_level: int
    escalated_at: dt.datetime | None
    version: int


class OutageIn(Schema):
    link: int = Field(..., ge=1, le=MAX_ID)
    detected_by: Text = Field(DetectedBy.ENGINEER, max_length=20, description="engineer or office")
    started_at: dt.datetime | None = Field(None, description="down since; now when left out")
    cause: Text = Field(OutageCause.UNKNOWN, max_length=20)
    description: Text = Field("", max_length=2000)
    provider_reference: Text = Field("", max_length=60)


class AcknowledgeIn(Schema):
    version: int | None = Field(None, ge=1, le=2_000_000_000)
    provider_reference: Text = Field("", max_length=60)
    remark: Text = Field("", max_length=2000)


class RestoreIn(Schema):
    version: int | None = Field(None, ge=1, le=2_000_000_000)
    resolution: Text = Field(..., max_length=20)
    remark: Text = Field(..., max_length=2000)
    restored_at: dt.datetime | None = Field(None, description="now when left out")


class CancelIn(Schema):
    version: int | None = Field(None, ge=1, le=2_000_000_000)
    remark: Text = Field(..., max_length=2000)
