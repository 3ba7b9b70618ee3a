"""Reads of the receipts part: sanctions and what has been received against them, the
society's share of the user charges per month (from the applications ledger) and what of it
has been received."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from degs.applications.choices import Account as FeeAccount
from degs.applications.models import LedgerEntry
from degs.core.permissions import user_can
from degs.directory.models import Area
from degs.finance.choices import EntryKind
from degs.finance.models import Entry, FundHead, Leg, Sanction

DEGS_PARTY = "degs"  # the society's party code in the catalogue's fee split
GRANTS = "4200"


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s month."""
    start = month.replace(day=1)
    return (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


# --- sanctions -------------------------------------------------------------------------------


def sanction_list(*, user: Any) -> QuerySet[Sanction]:
    return Sanction.objects.visible_to(user).select_related("head", "district")


def sanction_get(*, user: Any, pk: int) -> Sanction:
    return get_object_or_404(sanction_list(user=user), pk=pk)


def sanction_receipts(sanction: Sanction) -> QuerySet[Entry]:
    """The posted entries that received money against ``sanction`` and their reversals, each
    with its ``amount`` (paise into the bank; a reversal's is negative)."""
    return (
        Entry.objects.filter(
            Q(sanction=sanction) | Q(reverses__sanction=sanction),
            posted=True,
            kind__in=[EntryKind.RECEIPT, EntryKind.REVERSAL],
        )
        .annotate(amount=Sum("legs__amount_paise", filter=Q(legs__account__code=GRANTS)) * -1)
        .order_by("date", "number")
    )


def sanction_received(sanction: Sanction) -> int:
    """Paise received against ``sanction``: the credits to grants received of its entries
    (net of reversals)."""
    total = Leg.objects.filter(
        Q(entry__sanction=sanction) | Q(entry__reverses__sanction=sanction),
        entry__posted=True,
        account__code=GRANTS,
    ).aggregate(total=Sum("amount_paise"))["total"]
    return -(total or 0)


def sanction_left(sanction: Sanction) -> int:
    return sanction.amount_paise - sanction_received(sanction)


def head_choices(*, user: Any, capability: str = "finance.post") -> QuerySet[FundHead]:
    """The active heads of the districts where ``user`` may use ``capability``."""
    heads = FundHead.objects.visible_to(user).filter(is_active=True).select_related("district")
    allowed = [h.pk for h in heads if user_can(user, capability, h.district)]
    return heads.filter(pk__in=allowed).order_by("district__name", "code")


def district_choices(*, user: Any, capability: str) -> list[Area]:
    """The districts with a fund (a book) where ``user`` may use ``capability``."""
    districts = Area.objects.filter(fund_book__isnull=False).order_by("name")
    return [d for d in districts if user_can(user, capability, d)]


def open_sanctions(*, user: Any) -> QuerySet[Sanction]:
    return sanction_list(user=user).order_by("-date")


# --- user charges ----------------------------------------------------------------------------


def user_charges_share(*, district: Area, month: dt.date) -> int:
    """Paise of the society's (``degs``) share of the user charges the applications ledger
    credited in ``district`` in ``month`` (each application's fee split, as posted)."""
    start = month.replace(day=1)
    total = LedgerEntry.objects.filter(
        district=district,
        account=FeeAccount.SHARE,
        party=DEGS_PARTY,
        posted_on__gte=start,
        posted_on__lte=month_end(start),
    ).aggregate(total=Sum("amount_paise"))["total"]
    return -(total or 0)


@dataclass
class ShareMonth:
    district: Area
    month: dt.date
    due: int  # paise: the share the applications ledger computed
    entry: Entry | None  # the receipt, once received
    can_receive: bool = False  # set by the page for the reader

    @property
    def received(self) -> int:
        return self.due if self.entry is not None and self.entry.posted else 0

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"


def user_charges_months(
    *, user: Any, district: Area | None = None, months: list[dt.date] | None = None
) -> list[ShareMonth]:
    """Per district and month (newest first), the share computed from the applications
    ledger and its receipt if posted: every month with a share, in the districts the user
    sees (``district`` alone when given)."""
    districts = (
        [district]
        if district is not None
        else district_choices(user=user, capability="finance.view")
    )
    rows: list[ShareMonth] = []
    for d in districts:
        lines = LedgerEntry.objects.filter(district=d, account=FeeAccount.SHARE, party=DEGS_PARTY)
        if months is not None:
            wanted = {m.replace(day=1) for m in months}
        else:
            wanted = {day.replace(day=1) for day in lines.dates("posted_on", "month")}
        received = {
            e.source_key: e
            for e in Entry.objects.filter(district=d, source_key__startswith="user-charges:")
        }
        for month in sorted(wanted, reverse=True):
            due = user_charges_share(district=d, month=month)
            entry = received.get(f"user-charges:{month:%Y-%m}")
            if due or entry:
                rows.append(ShareMonth(district=d, month=month, due=due, entry=entry))
    return rows
