"""The ledger part's API shapes: an entry (with its legs), a posting, a reversal, the trial
balance and the heads' balances. Money is in whole paise; a leg's amount is a debit when
positive, a credit when negative."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from degs.core.api import MAX_ID
from degs.core.money import MAX_PAISE
from degs.core.schemas import Text


class LegOut(Schema):
    account: str
    head_id: int
    amount_paise: int


class EntryOut(Schema):
    id: int
    district_id: int
    number: int
    date: dt.date
    kind: str
    narration: str
    party: str
    reference: str
    sanction_id: int | None
    procurement_id: int | None
    ticket_id: int | None
    reverses_id: int | None
    posted_at: dt.datetime | None
    posted_by_id: int | None


class EntryDetailOut(EntryOut):
    legs: list[LegOut]


class LegIn(Schema):
    account: Text = Field(..., max_length=20, description="the account's code, such as 1100")
    head: int = Field(..., ge=1, le=MAX_ID)
    amount_paise: int = Field(..., ge=-MAX_PAISE, le=MAX_PAISE)


class EntryIn(Schema):
    district: int = Field(..., ge=1, le=MAX_ID)
    date: dt.date
    kind: Text = Field(..., max_length=20)
    narration: Text = Field(..., max_length=2000)
    party: Text = Field("", max_length=200)
    reference: Text = Field("", max_length=80)
    legs: list[LegIn] = Field(..., max_length=40)
    source_key: Text = Field(
        "", max_length=80, description="posts once: the same key again answers the first entry"
    )


class ReverseIn(Schema):
    reason: Text = Field(..., max_length=500)
    date: dt.date | None = None


class TrialRowOut(Schema):
    account: str
    name: str
    debit_paise: int
    credit_paise: int


class TrialBalanceOut(Schema):
    district_id: int
    on: dt.date | None
    rows: list[TrialRowOut]
    debit_paise: int
    credit_paise: int


class HeadBalanceOut(Schema):
    id: int
    district_id: int
    code: str
    name: str
    is_active: bool
    balance_paise: int
