"""The register and verification parts' API shapes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from degs.core.api import Id
from degs.core.schemas import Text
from degs.directory.schemas import AreaRef, OfficeRef


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    name_hi: str


class EquipmentModelOut(Schema):
    id: int
    category_id: int
    make: str
    name: str


class SupplierOut(Schema):
    id: int
    name: str
    gstin: str
    phone: str
    email: str
    is_active: bool


class AssetOut(Schema):
    id: int
    tag: str
    model: EquipmentModelOut
    serial: str
    office: OfficeRef
    post_id: int | None
    area: AreaRef
    district_id: int
    funding: str
    supplier_id: int | None
    order_kind: str
    order_number: str
    procurement_id: int | None
    purchased_on: dt.date | None
    warranty_until: dt.date | None
    amc_until: dt.date | None
    cost_paise: int | None = Field(description="What it cost, in paise.")
    status: str
    version: int


class AssetIn(Schema):
    """New equipment in store (unless ``status`` says otherwise); ``tag`` empty: the next free
    tag of the district and category."""

    model_config = ConfigDict(extra="forbid")

    model: Id
    office: Id
    post: Id | None = None
    serial: Text = Field("", max_length=80)
    tag: Text = Field("", max_length=40)
    funding: Text
    supplier: Id | None = None
    order_kind: Text = Field("", max_length=20)
    order_number: Text = Field("", max_length=80)
    procurement: Id | None = None
    purchased_on: dt.date | None = None
    warranty_until: dt.date | None = None
    amc_until: dt.date | None = None
    cost_paise: int | None = Field(None, ge=0, le=10**15)


class AssetPatch(Schema):
    """Only the fields sent change (the office moves with ``/move/``, the status with
    ``/status/``)."""

    model_config = ConfigDict(extra="forbid")

    version: int
    model: Id | None = None
    serial: Text | None = Field(None, max_length=80)
    tag: Text | None = Field(None, max_length=40)
    funding: Text | None = None
    supplier: Id | None = None
    order_kind: Text | None = Field(None, max_length=20)
    order_number: Text | None = Field(None, max_length=80)
    procurement: Id | None = None
    purchased_on: dt.date | None = None
    warranty_until: dt.date | None = None
    amc_until: dt.date | None = None
    cost_paise: int | None = Field(None, ge=0, le=10**15)


class AssetStepIn(Schema):
    action: Text = Field(
        description="issue, store, repair, repaired, repaired_to_store, condemn or dispose"
    )
    version: int
    remark: Text = Field("", max_length=2000)


class AssetMoveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    office: Id
    post: Id | None = None
    version: int
    remark: Text = Field("", max_length=2000)


class VerificationIn(Schema):
    condition: Text = Field(description="working, faulty or not_found")
    verified_on: dt.date | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=6)
    remark: Text = Field("", max_length=2000)


class VerificationOut(Schema):
    id: int
    asset_id: int
    year: int
    verified_on: dt.date
    verified_by_id: int
    condition: str
    photo_sha256: str
    latitude: Decimal | None
    longitude: Decimal | None
    remark: str
