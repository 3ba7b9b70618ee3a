"""Schemas of the speed tests' API, and the references the rooms' and phones' schemas share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator

from degs.core.api import Id
from degs.core.schemas import Text


def _aware(value: dt.datetime) -> dt.datetime:
    """A time without a zone is the district's clock time (Asia/Kolkata)."""
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


When = Annotated[dt.datetime, AfterValidator(_aware)]


class LinkRef(Schema):
    id: int
    circuit_id: str
    committed_kbps: int
    status: str


# --- speed tests -------------------------------------------------------------------------------


class SpeedTestOut(Schema):
    id: int
    link: LinkRef
    at: dt.datetime
    down_kbps: int
    up_kbps: int | None
    latency_ms: int | None
    place: str
    source: str
    below_committed: bool
    recorded_by: str | None

    @staticmethod
    def resolve_below_committed(obj: Any) -> bool:
        return bool(obj.down_kbps < obj.link.committed_kbps)

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return obj.recorded_by.label if obj.recorded_by else None


class SpeedTestIn(Schema):
    link: Id
    down_kbps: int = Field(ge=1, le=100_000_000)
    up_kbps: int | None = Field(None, ge=1, le=100_000_000)
    latency_ms: int | None = Field(None, ge=0, le=60_000)
    place: Annotated[Text, Field(max_length=200)] = ""
    at: When | None = Field(None, description="when tested; now when not given")


class BelowCommittedOut(Schema):
    link: LinkRef
    site: str
    last_test_at: dt.datetime
    last_down_kbps: int
    shortfall_kbps: int

    @staticmethod
    def resolve_link(obj: Any) -> Any:
        return obj

    @staticmethod
    def resolve_site(obj: Any) -> str:
        return str(obj.site_label)
