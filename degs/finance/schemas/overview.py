"""What the overview API answers: the DC's page as figures."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class BoughtCategoryOut(Schema):
    category_id: int | None
    name: str
    cases: int
    quantity: int
    value_paise: int


class StatusCountOut(Schema):
    status: str
    label: str
    count: int
    value_paise: int


class BlockCountOut(Schema):
    block_id: int | None
    name: str
    count: int
    under_repair: int


class OverviewHeadOut(Schema):
    head_id: int
    district_id: int
    code: str
    name: str
    balance_paise: int


class OverviewOut(Schema):
    year_start: dt.date
    today: dt.date
    bought_cases: int
    bought_quantity: int
    bought_value_paise: int
    bought: list[BoughtCategoryOut]
    assets: int
    statuses: list[StatusCountOut]
    blocks: list[BlockCountOut]
    tickets_open: int
    tickets_overdue: int
    technical_cases_pending: int
    heads: list[OverviewHeadOut]
    fund_paise: int
