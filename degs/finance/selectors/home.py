"""The finance app's block of the home page, for those who see the fund (``finance.view``):
each head's balance today and, per society, the months not closed yet. Five queries, whatever
the number of heads, months or entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min
from django.utils import timezone

from degs.core.permissions import user_can, user_may_open
from degs.finance.models import Book, MonthClose, MonthTotal
from degs.finance.selectors.overview import HeadBalance, head_balances

VIEW = "finance.view"


@dataclass
class SocietyHome:
    book: Book
    heads: list[HeadBalance]
    open_months: list[dt.date]  # months over and not closed, oldest first

    @property
    def balance(self) -> int:
        return sum(h.balance for h in self.heads)


def _months(first: dt.date, before: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month < before:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def fund_home(*, user: Any, today: dt.date | None = None) -> list[SocietyHome]:
    """Each society the user sees: its heads with their balances and the months since its
    first posting (or after its last closed month) that are over and not closed."""
    this_month = (today or timezone.localdate()).replace(day=1)
    heads = head_balances(user=user)
    books = list(Book.objects.visible_to(user).select_related("district"))
    districts = [b.district_id for b in books]
    closed = dict(
        MonthClose.objects.filter(district_id__in=districts)
        .values_list("district_id")
        .annotate(last=Max("month"))
        .order_by()
    )
    first = dict(
        MonthTotal.objects.filter(district_id__in=districts)
        .values_list("district_id")
        .annotate(first=Min("month"))
        .order_by()
    )
    result = []
    for book in sorted(books, key=lambda b: b.district.path):
        last = closed.get(book.district_id)
        start = (
            (last + dt.timedelta(days=32)).replace(day=1) if last else first.get(book.district_id)
        )
        result.append(
            SocietyHome(
                book=book,
                heads=[h for h in heads if h.head.district_id == book.district_id],
                open_months=_months(start, this_month) if start else [],
            )
        )
    return result


def home_context(*, user: Any) -> dict[str, Any]:
    if not user_may_open(user, "finance") or not user_can(user, VIEW):
        return {}
    societies = fund_home(user=user)
    if not societies:
        return {}
    return {"societies": societies, "template": "finance/home_block.html"}
