"""Reads of the ledger: balances, the trial balance and an account's ledger
(docs/finance.md, "Balances, month close and reversal").

Balances come from ``MonthTotal`` (the database keeps it as entries post). ``on=None`` is the
balance now: every month's totals, nothing else read. ``on=<date>`` is the balance at the end of
that day: the totals of the months before its month, plus the posted legs of its month dated up
to it (at most one month's legs; on a month's last day the month's total is used instead)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from degs.directory.models import Area
from degs.finance.models import Account, Book, Entry, FundHead, Leg, MonthClose, MonthTotal


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def last_closed_month(district: Area) -> dt.date | None:
    """The latest closed month's first day (every month up to it is closed), or None."""
    value: dt.date | None = MonthClose.objects.filter(district=district).aggregate(
        last=Max("month")
    )["last"]
    return value


def _net(totals: QuerySet[Any], legs: QuerySet[Any] | None) -> int:
    net = int(totals.aggregate(v=Coalesce(Sum(F("debit_paise") - F("credit_paise")), 0))["v"] or 0)
    if legs is not None:
        net += int(legs.aggregate(v=Coalesce(Sum("amount_paise"), 0))["v"] or 0)
    return net


def _split(
    totals: QuerySet[Any], legs: QuerySet[Any], on: dt.date | None, *, date_field: str
) -> tuple[QuerySet[Any], QuerySet[Any] | None]:
    """The month totals and (for a day inside a month) the posted legs that make a balance at
    the end of ``on``."""
    if on is None:
        return totals, None
    if on == month_end(on):
        return totals.filter(month__lte=month_start(on)), None
    start = month_start(on)
    return totals.filter(month__lt=start), legs.filter(
        entry__posted=True, **{f"{date_field}__gte": start, f"{date_field}__lte": on}
    )


_MONEY_NOW = (
    "SELECT COALESCE(SUM(t.debit_paise - t.credit_paise), 0) FROM finance_monthtotal t"
    " JOIN finance_account a ON a.id = t.account_id WHERE t.head_id = %s AND a.is_money"
)


def head_balance(head: FundHead, on: dt.date | None = None) -> int:
    """Paise in ``head``'s bank and cash accounts (``Account.is_money``), now or at the end of
    ``on``. The balance now is one statement in plain SQL: every payment reads it under the
    book's lock."""
    if on is None:
        with connection.cursor() as cursor:
            cursor.execute(_MONEY_NOW, [head.pk])
            return int(cursor.fetchone()[0])
    totals = MonthTotal.objects.filter(head=head, account__is_money=True)
    legs = Leg.objects.filter(head=head, account__is_money=True)
    return _net(*_split(totals, legs, on, date_field="entry__date"))


def head_balances(district: Area, on: dt.date | None = None) -> list[tuple[FundHead, int]]:
    """Every head of ``district`` with its balance (``head_balance``), in code order."""
    heads = list(FundHead.objects.filter(district=district).order_by("code"))
    totals, legs = _split(
        MonthTotal.objects.filter(district=district, account__is_money=True),
        Leg.objects.filter(entry__district=district, account__is_money=True),
        on,
        date_field="entry__date",
    )
    by_head: dict[int, int] = {}
    for row in totals.values("head").annotate(v=Sum(F("debit_paise") - F("credit_paise"))):
        by_head[row["head"]] = by_head.get(row["head"], 0) + int(row["v"] or 0)
    if legs is not None:
        for row in legs.values("head").annotate(v=Sum("amount_paise")):
            by_head[row["head"]] = by_head.get(row["head"], 0) + int(row["v"] or 0)
    return [(head, by_head.get(head.pk, 0)) for head in heads]


@dataclass
class TrialRow:
    account: Account
    debit: int
    credit: int


@dataclass
class TrialBalance:
    """Each account's balance as a debit or a credit (paise); the two totals are equal."""

    rows: list[TrialRow] = field(default_factory=list)
    debit: int = 0
    credit: int = 0

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def balanced(self) -> bool:
        return self.debit == self.credit


def trial_balance(
    district: Area, on: dt.date | None = None, head: FundHead | None = None
) -> TrialBalance:
    """Every account with a balance in ``district``'s book (of one ``head`` if given), now or at
    the end of ``on``: a debit balance in the debit column, a credit balance in the credit
    column; accounts at zero are left out."""
    head_q = Q(head=head) if head is not None else Q()
    totals, legs = _split(
        MonthTotal.objects.filter(head_q, district=district),
        Leg.objects.filter(head_q, entry__district=district),
        on,
        date_field="entry__date",
    )
    net: dict[int, int] = {}
    for row in totals.values("account").annotate(v=Sum(F("debit_paise") - F("credit_paise"))):
        net[row["account"]] = net.get(row["account"], 0) + int(row["v"] or 0)
    if legs is not None:
        for row in legs.values("account").annotate(v=Sum("amount_paise")):
            net[row["account"]] = net.get(row["account"], 0) + int(row["v"] or 0)
    result = TrialBalance()
    for account in Account.objects.filter(pk__in=[pk for pk, v in net.items() if v]):
        value = net[account.pk]
        row = TrialRow(account, value if value > 0 else 0, -value if value < 0 else 0)
        result.rows.append(row)
        result.debit += row.debit
        result.credit += row.credit
    return result


@dataclass
class LedgerPage:
    """A page of an account's ledger: the balance brought forward to the page, its legs each
    with the running balance after it, and the balance at the end of the period."""

    opening: int
    brought_forward: int
    rows: list[tuple[Leg, int]]
    closing: int
    page: Page[Any]


def account_ledger(
    district: Area,
    account: Account,
    head: FundHead | None,
    start: dt.date,
    end: dt.date,
    *,
    page: int | str = 1,
    per_page: int = 100,
) -> LedgerPage:
    """The posted legs of ``account`` (of ``head``, or every head) dated ``start`` to ``end``,
    in order of date and number, with the running balance (debit positive). The opening is the
    balance at the end of the day before ``start`` (``MonthTotal`` and that month's legs); a
    page's brought-forward adds the legs of the pages before it (one sum)."""
    head_q = Q(head=head) if head is not None else Q()
    before = start - dt.timedelta(days=1)
    opening = _net(
        *_split(
            MonthTotal.objects.filter(head_q, district=district, account=account),
            Leg.objects.filter(head_q, entry__district=district, account=account),
            before,
            date_field="entry__date",
        )
    )
    legs = (
        Leg.objects.filter(
            head_q,
            entry__district=district,
            account=account,
            entry__posted=True,
            entry__date__gte=start,
            entry__date__lte=end,
        )
        .select_related("entry", "head")
        .order_by("entry__date", "entry__number", "pk")
    )
    period = int(legs.aggregate(v=Coalesce(Sum("amount_paise"), 0))["v"] or 0)
    paginator = Paginator(legs, per_page)
    current = paginator.get_page(page)
    first = current.object_list[0] if current.object_list else None
    brought = opening
    if first is not None and current.number > 1:
        offset = (current.number - 1) * per_page
        earlier = legs.values_list("pk", flat=True)[:offset]
        brought += int(
            Leg.objects.filter(pk__in=list(earlier)).aggregate(v=Coalesce(Sum("amount_paise"), 0))[
                "v"
            ]
            or 0
        )
    rows: list[tuple[Leg, int]] = []
    running = brought
    for leg in current.object_list:
        running += leg.amount_paise
        rows.append((leg, running))
    return LedgerPage(opening, brought, rows, opening + period, current)


def closed_months(district: Area) -> QuerySet[MonthClose]:
    return MonthClose.objects.filter(district=district).select_related("closed_by")


def entries_of(district: Area) -> QuerySet[Entry]:
    return Entry.objects.filter(district=district, posted=True)


__all__ = [
    "account_ledger",
    "head_balance",
    "head_balances",
    "last_closed_month",
    "month_end",
    "month_start",
    "trial_balance",
]


# --- the pages' reads (scoped to the user) -----------------------------------------------------


def entry_list(*, user: Any) -> QuerySet[Entry]:
    """The posted entries of the societies in the user's areas, newest first."""
    return (
        Entry.objects.visible_to(user)
        .filter(posted=True)
        .select_related("district", "posted_by", "reverses")
        .annotate(reversal_id=Max("reversed_by__id"))
        .order_by("-date", "-number")
    )


def entry_get(*, user: Any, pk: int) -> Entry:
    return get_object_or_404(entry_list(user=user), pk=pk)


def entry_legs(entry: Entry) -> list[Leg]:
    return list(entry.legs.select_related("account", "head").order_by("pk"))


def head_list(*, user: Any) -> QuerySet[FundHead]:
    return (
        FundHead.objects.visible_to(user)
        .select_related("district")
        .order_by("district__name", "code")
    )


def head_get(*, user: Any, pk: int) -> FundHead:
    return get_object_or_404(head_list(user=user), pk=pk)


def book_districts(*, user: Any) -> list[Area]:
    """The districts in the user's areas that have a book."""
    return list(Area.objects.filter(fund_book__in=Book.objects.visible_to(user)).order_by("name"))


def book_district_get(*, user: Any, pk: int) -> Area:
    """A district with a book in the user's areas, by id; 404 for any other."""
    return get_object_or_404(
        Area.objects.filter(fund_book__in=Book.objects.visible_to(user)), pk=pk
    )


def closable_months(district: Area, today: dt.date) -> list[dt.date]:
    """The months that may be closed now: after the latest closed one (or from the first
    entry's month), up to last month."""
    last = last_closed_month(district)
    first = Entry.objects.filter(district=district).aggregate(first=Min("date"))["first"]
    if last is not None:
        start = month_start(last + dt.timedelta(days=32))
    elif first is not None:
        start = month_start(first)
    else:
        start = month_start(month_start(today) - dt.timedelta(days=1))
    months = []
    current = start
    while current < month_start(today):
        months.append(current)
        current = month_start(current + dt.timedelta(days=32))
    return months
