"""Schemas of the video-conference rooms' API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

from degs.connectivity.models import VcRoom
from degs.connectivity.schemas.speed import Id, LinkRef, When
from degs.connectivity.selectors import rooms as room_selectors
from degs.core.schemas import Text
from degs.directory.schemas import OfficeRef

# --- rooms -------------------------------------------------------------------------------------


class RoomOut(Schema):
    id: int
    name: str
    name_hi: str
    office: OfficeRef
    link: LinkRef | None
    equipment: str
    is_active: bool
    last_test_at: dt.datetime | None
    ready: bool
    not_ready_because: list[str]
    version: int

    @staticmethod
    def resolve_last_test_at(obj: VcRoom) -> Any:
        return getattr(obj, "last_at", None)

    @staticmethod
    def resolve_ready(obj: VcRoom) -> bool:
        return room_selectors.readiness(obj).ready

    @staticmethod
    def resolve_not_ready_because(obj: VcRoom) -> list[str]:
        return [str(r) for r in room_selectors.readiness(obj).reasons]


class RoomIn(Schema):
    office: Id
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    name_hi: Annotated[Text, Field(max_length=200)] = ""
    link: Id | None = None
    equipment: Annotated[Text, Field(max_length=300)] = ""
    is_active: bool = True


class VcTestIn(Schema):
    audio_ok: bool
    video_ok: bool
    sharing_ok: bool
    joined_from: Annotated[Text, Field(max_length=2000)] = ""
    remark: Annotated[Text, Field(max_length=2000)] = ""
    at: When | None = Field(None, description="when tested; now when not given")


class VcTestOut(Schema):
    id: int
    room_id: int
    at: dt.datetime
    audio_ok: bool
    video_ok: bool
    sharing_ok: bool
    passed: bool
    joined_from: str
    remark: str
