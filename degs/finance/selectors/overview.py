"""The DC's overview: what was bought, where it is, what is broken, what is left in the fund.

For the user's areas: the procurement cases delivered this financial year (assets'
``bought_in_period``), the equipment by status and by block, the open tickets (overdue ones,
pending technical cases), and each fund head's balance today from the month totals. Eight
queries, whatever the number of assets, tickets or legs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from degs.assets.choices import AssetStatus, TicketKind, TicketStatus
from degs.assets.models import Asset, Ticket
from degs.assets.selectors.procurement import Bought, bought_in_period
from degs.core.scoping import ancestor_paths
from degs.core.years import financial_year_dates, financial_year_of
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.finance.models import FundHead, MonthTotal

OPEN = (TicketStatus.OPEN, TicketStatus.OWNED)


@dataclass
class StatusLine:
    status: str
    label: str
    count: int
    value_paise: int


@dataclass
class BlockLine:
    """The equipment held in a block's offices (``block`` None: offices above any block, the
    district's own)."""

    block: Area | None
    count: int = 0
    broken: int = 0  # under repair
    value_paise: int = 0


@dataclass
class HeadBalance:
    head: FundHead
    balance: int


@dataclass
class Overview:
    year: int
    start: dt.date
    today: dt.date
    bought: Bought
    statuses: list[StatusLine]
    blocks: list[BlockLine]
    assets: int
    tickets_open: int
    tickets_overdue: int
    technical_pending: int
    heads: list[HeadBalance] = field(default_factory=list)

    @property
    def fund_total(self) -> int:
        return sum(h.balance for h in self.heads)


def overdue_q(now: dt.datetime) -> Q:
    """An open ticket past its time to be owned (nobody owns it yet) or to be resolved."""
    return Q(status=TicketStatus.OPEN, own_due_at__lt=now) | Q(resolve_due_at__lt=now)


def head_balances(*, user: Any) -> list[HeadBalance]:
    """Each fund head the user sees with its balance today (its bank and cash accounts' month
    totals): two queries."""
    heads = list(
        FundHead.objects.visible_to(user)
        .select_related("district")
        .order_by("district__path", "code")
    )
    sums = (
        MonthTotal.objects.filter(head__in=[h.pk for h in heads], account__is_money=True)
        .values("head_id")
        .annotate(net=Coalesce(Sum(F("debit_paise") - F("credit_paise")), 0))
    )
    by_head = {row["head_id"]: row["net"] for row in sums}
    return [HeadBalance(h, by_head.get(h.pk, 0)) for h in heads]


def _blocks(rows: list[dict[str, Any]]) -> list[BlockLine]:
    """Group per-area asset counts by the block above each area (one query for the blocks)."""
    paths = {row["area__path"] for row in rows}
    wanted = {p for path in paths for p in (*ancestor_paths(path), path)}
    blocks = {
        a.path: a
        for a in Area.objects.filter(kind=AreaKind.BLOCK, path__in=wanted).order_by("path")
    }
    lines: dict[str | None, BlockLine] = {}
    for row in rows:
        path = row["area__path"]
        key = next((p for p in (path, *reversed(ancestor_paths(path))) if p in blocks), None)
        line = lines.setdefault(key, BlockLine(blocks.get(key) if key else None))
        line.count += row["n"]
        line.broken += row["broken"]
        line.value_paise += row["value"] or 0
    return sorted(lines.values(), key=lambda b: (b.block is None, b.block.label if b.block else ""))


def overview(*, user: Any, today: dt.date | None = None) -> Overview:
    now = timezone.now()
    today = today or timezone.localdate()
    year = financial_year_of(today)
    start, _end = financial_year_dates(year)
    assets = Asset.objects.visible_to(user)
    by_status = {
        row["status"]: row
        for row in assets.values("status")
        .annotate(n=Count("pk"), value=Sum("cost_paise"))
        .order_by()
    }
    statuses = [
        StatusLine(
            status,
            str(label),
            by_status.get(status, {}).get("n", 0),
            by_status.get(status, {}).get("value") or 0,
        )
        for status, label in AssetStatus.choices
    ]
    per_area = list(
        assets.values("area__path")
        .annotate(
            n=Count("pk"),
            broken=Count("pk", filter=Q(status=AssetStatus.UNDER_REPAIR)),
            value=Sum("cost_paise"),
        )
        .order_by()
    )
    tickets = (
        Ticket.objects.visible_to(user)
        .filter(status__in=OPEN)
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_q(now)),
            technical=Count("pk", filter=Q(kind=TicketKind.TECHNICAL_CASE)),
        )
    )
    return Overview(
        year=year,
        start=start,
        today=today,
        bought=bought_in_period(user, start, today),
        statuses=statuses,
        blocks=_blocks(per_area),
        assets=sum(s.count for s in statuses),
        tickets_open=tickets["open"],
        tickets_overdue=tickets["overdue"],
        technical_pending=tickets["technical"],
        heads=head_balances(user=user),
    )


def by_district(heads: list[HeadBalance]) -> dict[Any, list[HeadBalance]]:
    grouped: dict[Any, list[HeadBalance]] = defaultdict(list)
    for line in heads:
        grouped[line.head.district].append(line)
    return dict(grouped)
