"""What the uptime API answers: a month's uptime per link, per provider and per block."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema


class UptimeGroupOut(Schema):
    """Links of a provider, of a block, or all together: uptime weighted by time in service."""

    id: int | None
    code: str = ""
    name: str
    links: int
    in_service: int
    meeting_target: int
    hours_in_service: Decimal
    hours_down: Decimal
    uptime_percent: Decimal | None


class UptimeLinkOut(Schema):
    id: int
    circuit_id: str
    provider: str
    site: str
    block_id: int | None
    hours_in_service: Decimal
    hours_down: Decimal
    uptime_percent: Decimal | None
    target_percent: Decimal | None
    meets_target: bool | None
    outages_counted: int


class UptimeReportOut(Schema):
    month: str
    total: UptimeGroupOut
    providers: list[UptimeGroupOut]
    blocks: list[UptimeGroupOut]
    links: list[UptimeLinkOut]
