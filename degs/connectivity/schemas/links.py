"""The links part's API shapes: providers, links, a link's status step."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import ConfigDict

from degs.core.api import Id
from degs.core.schemas import Text
from degs.directory.schemas import AreaRef, OfficeRef


class ProviderOut(Schema):
    id: int
    code: str
    name: str
    name_hi: str
    network: str
    phone: str
    email: str
    is_active: bool


class ProviderRef(Schema):
    id: int
    code: str
    name: str
    name_hi: str


class LinkOut(Schema):
    id: int
    provider: ProviderRef
    circuit_id: str
    kind: str
    committed_kbps: int
    office: OfficeRef | None
    area: AreaRef
    install_date: dt.date | None
    termination_date: dt.date | None
    status: str
    status_since: dt.datetime
    sla_id: int | None
    contact_name: str
    contact_phone: str
    last_heartbeat_at: dt.datetime | None
    probe_token_hint: str
    version: int


class LinkIn(Schema):
    """A new link, as planned: at an office (``office``) or a gram panchayat (``panchayat``),
    one of the two."""

    model_config = ConfigDict(extra="forbid")

    provider: Id
    circuit_id: Text = Field(max_length=60)
    kind: Text
    committed_kbps: int = Field(ge=1, le=100_000_000)
    office: Id | None = None
    panchayat: Id | None = None
    install_date: dt.date | None = None
    termination_date: dt.date | None = None
    sla: Id | None = None
    contact_name: Text = Field("", max_length=200)
    contact_phone: Text = Field("", max_length=20)


class LinkPatch(Schema):
    """Only the fields sent change; to move the site, send ``office`` or ``panchayat`` (the
    other null)."""

    model_config = ConfigDict(extra="forbid")

    version: int
    provider: Id | None = None
    circuit_id: Text | None = Field(None, max_length=60)
    kind: Text | None = None
    committed_kbps: int | None = Field(None, ge=1, le=100_000_000)
    office: Id | None = None
    panchayat: Id | None = None
    install_date: dt.date | None = None
    termination_date: dt.date | None = None
    sla: Id | None = None
    contact_name: Text | None = Field(None, max_length=200)
    contact_phone: Text | None = Field(None, max_length=20)


class LinkStepIn(Schema):
    action: Text = Field(description="provision, commission or decommission")
    version: int
    remark: Text = Field("", max_length=2000)
