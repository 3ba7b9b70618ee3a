"""Schemas of the payments part's API (amounts in whole paise)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from degs.core.api import Id
from degs.core.schemas import Text
from degs.finance.schemas.receipts import Key, Paise


class PaymentIn(Schema):
    head: Id
    expense: Annotated[
        str, Field(pattern=r"^5\d{3}$", description="code of an account of expenditure")
    ]
    date: dt.date
    amount_paise: Paise
    payee: Annotated[Text, Field(min_length=1, max_length=200)]
    reference: Annotated[Text, Field(max_length=80)] = ""
    narration: Annotated[Text, Field(max_length=2000)] = ""
    sanction: Id | None = None
    procurement: Id | None = None
    ticket: Id | None = None
    version: int | None = Field(
        None, description="the case's or ticket's version the payer saw (a change since is refused)"
    )
    key: Key = ""


class PaymentOut(Schema):
    id: int
    district_id: int
    number: int
    date: dt.date
    party: str
    reference: str
    narration: str
    sanction_id: int | None
    procurement_id: int | None
    ticket_id: int | None
    amount_paise: int | None = Field(None, alias="amount")
    reversed: bool

    @staticmethod
    def resolve_reversed(obj: object) -> bool:
        return getattr(obj, "reversed_by", None) is not None
