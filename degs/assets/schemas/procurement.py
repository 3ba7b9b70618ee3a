"""The procurement part's API shapes: a case as read (with its quotes), and what recording a
case, a quote and each step take. Money is in paise (whole numbers)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from degs.core.api import MAX_ID
from degs.core.money import MAX_PAISE
from degs.core.schemas import Text

Version = Field(None, ge=1, le=2_000_000_000)


class CaseQuoteOut(Schema):
    id: int
    seller: str
    make: str
    amount_paise: int


class CaseOut(Schema):
    id: int
    area_id: int
    title: str
    need: str
    category_id: int | None
    quantity: int
    estimated_paise: int
    route: str
    status: str
    sanction_number: str
    sanction_date: dt.date | None
    sanctioned_paise: int | None
    supplier_id: int | None
    order_kind: str
    order_number: str
    order_date: dt.date | None
    order_paise: int | None
    delivered_on: dt.date | None
    quotes: list[CaseQuoteOut]
    version: int


class CaseIn(Schema):
    area: int = Field(..., ge=1, le=MAX_ID, description="the district")
    title: Text = Field(..., max_length=200)
    need: Text = Field("", max_length=4000)
    category: int | None = Field(None, ge=1, le=MAX_ID)
    quantity: int = Field(..., ge=1, le=10_000)
    estimated_paise: int = Field(..., ge=1, le=MAX_PAISE)


class CaseQuoteIn(Schema):
    version: int | None = Version
    seller: Text = Field(..., max_length=200)
    make: Text = Field(..., max_length=100)
    amount_paise: int = Field(..., ge=1, le=MAX_PAISE)


class CaseSanctionIn(Schema):
    version: int | None = Version
    sanction_number: Text = Field(..., max_length=80)
    sanction_date: dt.date
    sanctioned_paise: int = Field(..., ge=1, le=MAX_PAISE)
    remark: Text = Field("", max_length=2000)


class CaseOrderIn(Schema):
    version: int | None = Version
    supplier: int = Field(..., ge=1, le=MAX_ID)
    order_kind: Text = Field("gem_order", max_length=20, description="gem_order or supply_order")
    order_number: Text = Field(..., max_length=80)
    order_date: dt.date
    order_paise: int = Field(..., ge=1, le=MAX_PAISE)
    bid_number: Text = Field("", max_length=80, description="for a bid or reverse auction")
    remark: Text = Field("", max_length=2000)


class CaseDeliverIn(Schema):
    version: int | None = Version
    delivered_on: dt.date
    model: int = Field(..., ge=1, le=MAX_ID, description="the make and model")
    office: int = Field(..., ge=1, le=MAX_ID, description="the custodian office")
    funding: Text = Field(..., max_length=20)
    serials: list[Text] = Field(default_factory=list, max_length=10_000)
    warranty_until: dt.date | None = None
    remark: Text = Field("", max_length=2000)


class CaseActIn(Schema):
    action: Text = Field(..., max_length=10, description="close or cancel")
    version: int | None = Version
    remark: Text = Field("", max_length=2000)
