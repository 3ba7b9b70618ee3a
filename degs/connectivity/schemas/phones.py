"""Schemas of the IP phones' API and the phone directory."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema

from degs.connectivity.models import IpPhone
from degs.connectivity.schemas.speed import Id, When
from degs.core.schemas import Text
from degs.directory.schemas import OfficeRef

# --- phones ------------------------------------------------------------------------------------


class PostDesignationRef(Schema):
    id: int
    label: str

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj.designation.label)


class PhoneOut(Schema):
    id: int
    extension: str
    office: OfficeRef
    post: PostDesignationRef | None
    place: str
    place_hi: str
    model_name: str
    mac_address: str
    is_active: bool
    is_registered: bool
    last_registered_at: dt.datetime | None
    working: bool
    version: int

    @staticmethod
    def resolve_working(obj: IpPhone) -> bool:
        return bool(getattr(obj, "working", False))


class PhoneIn(Schema):
    office: Id
    extension: Annotated[Text, Field(pattern=r"^\d{2,8}$")]
    post: Id | None = None
    place: Annotated[Text, Field(max_length=100)] = ""
    place_hi: Annotated[Text, Field(max_length=100)] = ""
    model_name: Annotated[Text, Field(max_length=100)] = ""
    mac_address: Annotated[Text, Field(max_length=17)] = ""
    is_active: bool = True


class RegistrationIn(Schema):
    extension: Annotated[Text, Field(pattern=r"^\d{2,8}$")]
    registered: bool
    at: When


class RegistrationsIn(Schema):
    reports: list[RegistrationIn] = Field(max_length=5000)


class RegistrationsOut(Schema):
    updated: list[str]
    unchanged: list[str]
    unknown: list[str]


class DirectoryEntryOut(Schema):
    """A phone in the directory: what anyone signed in may read (no person's name)."""

    extension: str
    office: OfficeRef
    area: str
    post: str | None
    place: str
    place_hi: str

    @staticmethod
    def resolve_post(obj: IpPhone) -> str | None:
        return str(obj.post.designation.label) if obj.post_id and obj.post else None

    @staticmethod
    def resolve_area(obj: IpPhone) -> str:
        return str(obj.office.area.label)
