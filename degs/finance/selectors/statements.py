"""The fund statement and the utilisation certificate (GFR 12-A), read from the month totals.

Both read ``finance_monthtotal`` (written by the database as each entry posts), the chart of
accounts and the fund heads, never the legs themselves, so they cost the same number of queries
and nearly the same time at a thousand legs and at a million: the rows read grow with months,
heads and accounts, not with entries. Periods are whole months: a statement from ``start`` to
``end`` covers every month whose first day lies between the first of ``start``'s month and
``end``. The certificate's list of grants received also reads the few entries booked against a
sanction in the year (``SanctionMonth``, kept by the database as entries are posted).

A head's money is what its bank and cash accounts hold (``Account.is_money``). In a statement
its receipts are the net credits of each receipts (income) account, its payments the net
debits of each expenditure account, and "transfers and other" whatever else moved its money
(a transfer between heads, an opening balance booked against the fund account): closing =
opening + receipts - payments + other, to the paisa (docs/finance.md, "The fund statement")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from degs.core.years import financial_year_dates, financial_year_label
from degs.finance.choices import AccountKind, EntryKind
from degs.finance.models import (
    Account,
    Book,
    Entry,
    FundHead,
    Leg,
    MonthTotal,
    Sanction,
    SanctionMonth,
)

# The chart's accounts the certificate reads by code (tests/finance/conftest.py CHART and
# ledger's book_open): grants received and interest. Interest returned to the government, and
# salaries, are read from these codes when the chart has them.
GRANTS_CODE = "4200"
INTEREST_CODE = "4300"
INTEREST_RETURNED_CODES = frozenset({"5900"})
# The certificate's components of expenditure (GFR 12-A): an expenditure account on equipment
# creates capital assets, one on salaries is "salary"; every other one is "general".
CAPITAL_CODES = frozenset({"5100"})
SALARY_CODES = frozenset({"5400"})


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


@dataclass
class Line:
    """One account's figure in a statement (paise)."""

    account: Account
    amount: int


@dataclass
class HeadStatement:
    """One head's money over the period (``head`` None: the society's total)."""

    head: FundHead | None
    opening: int
    receipts: list[Line]
    payments: list[Line]
    closing: int

    @property
    def receipts_total(self) -> int:
        return sum(line.amount for line in self.receipts)

    @property
    def payments_total(self) -> int:
        return sum(line.amount for line in self.payments)

    @property
    def other(self) -> int:
        """Transfers and other movements of the head's money (what receipts and payments do not
        explain): closing - opening - receipts + payments."""
        return self.closing - self.opening - self.receipts_total + self.payments_total


@dataclass
class FundStatement:
    district: Any
    start: dt.date
    end: dt.date
    heads: list[HeadStatement]
    total: HeadStatement
    income_accounts: list[Account] = field(default_factory=list)
    expense_accounts: list[Account] = field(default_factory=list)


def _sums(district: Any, start: dt.date, end: dt.date, heads: list[int] | None = None) -> Any:
    """One query: per head and account, the debits and credits before ``start`` and from
    ``start`` to ``end`` (whole months)."""
    before = Q(month__lt=start)
    during = Q(month__gte=start)
    rows = MonthTotal.objects.filter(district=district, month__lte=end)
    if heads is not None:
        rows = rows.filter(head_id__in=heads)
    return rows.values("head_id", "account_id").annotate(
        before_debit=Coalesce(Sum("debit_paise", filter=before), 0),
        before_credit=Coalesce(Sum("credit_paise", filter=before), 0),
        debit=Coalesce(Sum("debit_paise", filter=during), 0),
        credit=Coalesce(Sum("credit_paise", filter=during), 0),
    )


def _brought_forward(
    accounts: dict[int, Account], heads: list[int], start: dt.date, end: dt.date
) -> dict[tuple[int, int], int]:
    """Balances brought forward by an opening entry (kind "opening", its other side the fund
    account) dated in the period, per (head, asset account): they open the period rather than
    move money in it. One query, read from the heads' fund-account legs (the index on head and
    account: openings and transfers only), then the legs of those few entries."""
    fund = [pk for pk, a in accounts.items() if a.kind == AccountKind.FUND]
    assets = [pk for pk, a in accounts.items() if a.kind == AccountKind.ASSET]
    openings = Leg.objects.filter(
        head_id__in=heads,
        account_id__in=fund,
        entry__kind=EntryKind.OPENING,
        entry__posted=True,
        entry__date__range=(start, end),
    ).values("entry_id")
    rows = (
        Leg.objects.filter(entry_id__in=openings, head_id__in=heads, account_id__in=assets)
        .values("head_id", "account_id")
        .annotate(total=Sum("amount_paise"))
        .order_by()
    )
    return {(row["head_id"], row["account_id"]): row["total"] for row in rows}


def _statement(
    head: FundHead | None,
    rows: list[dict[str, Any]],
    accounts: dict[int, Account],
    income: list[Account],
    expense: list[Account],
    brought: dict[tuple[int, int], int],
) -> HeadStatement:
    opening = sum(
        v
        for (h, a), v in brought.items()
        if (head is None or h == head.pk) and accounts[a].is_money
    )
    closing = 0
    received = {a.pk: 0 for a in income}
    paid = {a.pk: 0 for a in expense}
    for row in rows:
        account = accounts[row["account_id"]]
        if account.is_money:
            opening += row["before_debit"] - row["before_credit"]
            closing += row["before_debit"] - row["before_credit"] + row["debit"] - row["credit"]
        elif account.pk in received:
            received[account.pk] += row["credit"] - row["debit"]
        elif account.pk in paid:
            paid[account.pk] += row["debit"] - row["credit"]
    return HeadStatement(
        head=head,
        opening=opening,
        receipts=[Line(a, received[a.pk]) for a in income],
        payments=[Line(a, paid[a.pk]) for a in expense],
        closing=closing,
    )


def chart() -> tuple[dict[int, Account], list[Account], list[Account]]:
    """The chart of accounts (one query): by id, the receipts accounts, the expenditure ones."""
    accounts = {a.pk: a for a in Account.objects.order_by("code")}
    income = [a for a in accounts.values() if a.kind == AccountKind.INCOME]
    expense = [a for a in accounts.values() if a.kind == AccountKind.EXPENSE]
    return accounts, income, expense


def fund_statement(
    district: Any, start: dt.date, end: dt.date, heads: QuerySet[FundHead] | None = None
) -> FundStatement:
    """The society's statement from the month of ``start`` to the month of ``end``: per head
    (those of the district, or ``heads``) and in total, the opening balance, receipts by
    account, payments by account, other movements and the closing balance. Balances brought
    forward by an opening entry dated in the period are part of the opening balance. Four
    queries."""
    start, end = month_start(start), month_end(end)
    head_rows = heads if heads is not None else FundHead.objects.filter(district=district)
    head_list = list(head_rows.order_by("code"))
    accounts, income, expense = chart()
    by_head: dict[int, list[dict[str, Any]]] = {h.pk: [] for h in head_list}
    everything: list[dict[str, Any]] = []
    ids = [h.pk for h in head_list]
    for row in _sums(district, start, end, ids):
        by_head.setdefault(row["head_id"], []).append(row)
        everything.append(row)
    brought = _brought_forward(accounts, ids, start, end)
    return FundStatement(
        district=district,
        start=start,
        end=end,
        heads=[_statement(h, by_head[h.pk], accounts, income, expense, brought) for h in head_list],
        total=_statement(None, everything, accounts, income, expense, brought),
        income_accounts=income,
        expense_accounts=expense,
    )


# --- the utilisation certificate (GFR 12-A) ----------------------------------------------------


@dataclass
class SanctionLine:
    """Item 4(d): a grant received during the year against a sanction, with its letter's number
    and date; ``sanction`` None: grants received without a sanction named."""

    sanction: Sanction | None
    received: int

    @property
    def number(self) -> str:
        return self.sanction.number if self.sanction else ""

    @property
    def date(self) -> dt.date | None:
        return self.sanction.date if self.sanction else None


@dataclass
class Certificate:
    """The figures of Form GFR 12-A for one head and financial year, in paise."""

    head: FundHead
    year: int
    start: dt.date
    end: dt.date
    society: str
    society_hi: str
    recurring: bool
    # 3. Grants position at the beginning of the year
    opening_cash: int
    opening_advances: int
    # 4.
    interest_earned: int
    interest_returned: int
    sanctions: list[SanctionLine]
    other_receipts: int  # receipts other than grants and interest (user charges, transfers)
    expenditure: int
    # Component-wise utilisation
    general: int
    salary: int
    capital: int
    # Position at the end of the year
    closing_cash: int
    closing_advances: int

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def opening_total(self) -> int:
        """3(iii), and 4(a): the unspent balance brought from previous years."""
        return self.opening_cash + self.opening_advances

    @property
    def grants_received(self) -> int:
        return sum(line.received for line in self.sanctions)

    @property
    def available(self) -> int:
        """4(e) total available funds: (a) + (b) - (c) + (d), and any other receipts of the
        head in the year (shown on their own line)."""
        return (
            self.opening_total
            + self.interest_earned
            - self.interest_returned
            + self.grants_received
            + self.other_receipts
        )

    @property
    def closing(self) -> int:
        """4(g) closing balance: (e) - (f)."""
        return self.available - self.expenditure

    @property
    def closing_total(self) -> int:
        """The position at the end of the year, from the accounts: equals ``closing``."""
        return self.closing_cash + self.closing_advances


def _received_by_sanction(head: FundHead, start: dt.date, end: dt.date) -> dict[int, int]:
    """Grants received in the year per sanction of the head, from the months the database
    keeps per sanction (``SanctionMonth``: receipts naming the sanction, their reversals
    subtracted): one query over a dozen rows a sanction, whatever the ledger's size."""
    rows = (
        SanctionMonth.objects.filter(
            sanction__head=head, month__gte=start.replace(day=1), month__lte=end
        )
        .values("sanction")
        .annotate(total=Sum("received_paise"))
    )
    return {row["sanction"]: row["total"] for row in rows}


def utilisation_certificate(head: FundHead, year: int) -> Certificate:
    """The GFR 12-A figures of ``head`` for the financial year from 1 April ``year``
    (docs/finance.md, "The utilisation certificate"): six queries whatever the ledger's size.
    Balances brought forward by an opening entry dated in the year are the position at its
    beginning (item 3), not a receipt."""
    start, end = financial_year_dates(year)
    accounts = chart()[0]
    rows = list(_sums(head.district_id, start, end, [head.pk]))
    opening_cash = opening_adv = closing_cash = closing_adv = 0
    interest = returned = grants = spent = 0
    parts = {"general": 0, "salary": 0, "capital": 0}
    for row in rows:
        account = accounts[row["account_id"]]
        before = row["before_debit"] - row["before_credit"]
        during = row["debit"] - row["credit"]
        if account.kind == AccountKind.ASSET:
            if account.is_money:
                opening_cash += before
                closing_cash += before + during
            else:
                opening_adv += before
                closing_adv += before + during
        elif account.code in INTEREST_RETURNED_CODES:
            returned += during
        elif account.kind == AccountKind.INCOME:
            if account.code == INTEREST_CODE:
                interest -= during
            elif account.code == GRANTS_CODE:
                grants -= during
        elif account.kind == AccountKind.EXPENSE:
            spent += during
            if account.code in CAPITAL_CODES:
                parts["capital"] += during
            elif account.code in SALARY_CODES:
                parts["salary"] += during
            else:
                parts["general"] += during
    for (_head, account_id), amount in _brought_forward(accounts, [head.pk], start, end).items():
        if accounts[account_id].is_money:
            opening_cash += amount
        else:
            opening_adv += amount
    by_sanction = _received_by_sanction(head, start, end)
    sanctions_of_year = Sanction.objects.filter(
        Q(pk__in=[pk for pk in by_sanction if pk is not None]) | Q(date__range=(start, end)),
        head=head,
    ).order_by("date", "number")
    sanctions = [SanctionLine(s, by_sanction.get(s.pk, 0)) for s in sanctions_of_year]
    unnamed = grants - sum(line.received for line in sanctions)
    if unnamed:
        sanctions.append(SanctionLine(None, unnamed))
    # Whatever else moved the head's money (transfers, the fund account, liabilities) joins
    # "other receipts", so that (g) equals the position at the end of the year.
    closing_total = closing_cash + closing_adv
    opening_total = opening_cash + opening_adv
    other = closing_total - opening_total - interest + returned - grants + spent
    book = Book.objects.filter(district_id=head.district_id).first()
    return Certificate(
        head=head,
        year=year,
        start=start,
        end=end,
        society=book.society if book else "",
        society_hi=book.society_hi if book else "",
        recurring=any(s.recurring for s in sanctions_of_year),
        opening_cash=opening_cash,
        opening_advances=opening_adv,
        interest_earned=interest,
        interest_returned=returned,
        sanctions=sanctions,
        other_receipts=other,
        expenditure=spent,
        general=parts["general"],
        salary=parts["salary"],
        capital=parts["capital"],
        closing_cash=closing_cash,
        closing_advances=closing_adv,
    )


def sanction_entries(head: FundHead, year: int) -> QuerySet[Entry]:
    """The receipts booked against the head's sanctions in the year (the certificate's
    annexure)."""
    start, end = financial_year_dates(year)
    return (
        Entry.objects.filter(
            sanction__head=head, kind=EntryKind.RECEIPT, posted=True, date__range=(start, end)
        )
        .select_related("sanction")
        .order_by("date", "number")
    )
