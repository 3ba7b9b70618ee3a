"""Schemas of the receipts part's API: sanctions and receipts (amounts in whole paise)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from degs.core.api import Id
from degs.core.schemas import Text
from degs.finance.models import Entry, Sanction
from degs.finance.schemas.ledger import EntryOut
from degs.finance.selectors import receipts as selectors

Paise = Annotated[int, Field(ge=1, le=10**13, description="whole paise")]
Key = Annotated[
    Text,
    Field(
        max_length=64,
        description="the caller's key for this receipt: the same key again returns the same "
        "receipt instead of posting it twice",
    ),
]


class FundHeadRef(Schema):
    id: int
    code: str
    name: str
    name_hi: str


class SanctionOut(Schema):
    id: int
    district_id: int
    head: FundHeadRef
    number: str
    date: dt.date
    grantor: str
    purpose: str
    amount_paise: int
    recurring: bool
    received_paise: int
    left_paise: int

    @staticmethod
    def resolve_received_paise(obj: Sanction) -> int:
        return selectors.sanction_received(obj)

    @staticmethod
    def resolve_left_paise(obj: Sanction) -> int:
        return selectors.sanction_left(obj)


class SanctionIn(Schema):
    district: Id
    head: Id
    number: Annotated[Text, Field(min_length=1, max_length=100)]
    date: dt.date
    grantor: Annotated[Text, Field(min_length=1, max_length=200)]
    purpose: Annotated[Text, Field(max_length=2000)] = ""
    amount_paise: Paise
    recurring: bool = False


class ReceiptOut(EntryOut):
    """A receipt: the ledger's entry with the money it brought into the bank."""

    amount_paise: int

    @staticmethod
    def resolve_amount_paise(obj: Entry) -> int:
        return sum(leg.amount_paise for leg in obj.legs.all() if leg.amount_paise > 0)


class UserChargesIn(Schema):
    district: Id
    month: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]


class UserChargesMonthOut(Schema):
    district_id: int
    month: str
    due_paise: int
    received_paise: int
    entry_id: int | None


class GrantIn(Schema):
    date: dt.date
    amount_paise: Paise
    reference: Annotated[Text, Field(min_length=1, max_length=80)]
    narration: Annotated[Text, Field(max_length=2000)] = ""
    key: Key = ""


class InterestIn(Schema):
    head: Id
    date: dt.date
    amount_paise: Paise
    reference: Annotated[Text, Field(max_length=80)] = ""
    key: Key = ""
