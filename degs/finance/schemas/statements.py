"""What the statements API answers: the fund statement, the utilisation certificate (GFR 12-A)
and the DC's overview. Amounts are whole paise."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class AccountAmountOut(Schema):
    code: str
    name: str
    paise: int


class HeadStatementOut(Schema):
    head_id: int | None
    code: str
    name: str
    opening_paise: int
    receipts: list[AccountAmountOut]
    receipts_paise: int
    payments: list[AccountAmountOut]
    payments_paise: int
    other_paise: int
    closing_paise: int


class StatementOut(Schema):
    district_id: int
    society: str
    start: dt.date
    end: dt.date
    heads: list[HeadStatementOut]
    total: HeadStatementOut


class SanctionReceivedOut(Schema):
    sanction_id: int | None
    number: str
    date: dt.date | None
    received_paise: int


class CertificateOut(Schema):
    """The items of Form GFR 12-A (docs/finance.md, "The utilisation certificate")."""

    head_id: int
    scheme: str
    year: str
    start: dt.date
    end: dt.date
    society: str
    recurring: bool
    opening_cash_paise: int
    opening_advances_paise: int
    opening_total_paise: int
    interest_earned_paise: int
    interest_returned_paise: int
    grants_received: list[SanctionReceivedOut]
    grants_received_paise: int
    other_receipts_paise: int
    available_paise: int
    expenditure_paise: int
    closing_paise: int
    general_paise: int
    salary_paise: int
    capital_assets_paise: int
    closing_cash_paise: int
    closing_advances_paise: int
