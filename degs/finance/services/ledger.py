"""Writes of the ledger: a society's book opened, fund heads kept, entries posted and
reversed, months closed (docs/finance.md, "The ledger").

Every posting goes through ``entry_post``: it checks the entry in words a person can act on
(the database would refuse an unbalanced one too, but with an integrity error), locks the
society's ``Book`` row (so one society's postings take their numbers in turn, and a balance read
before a payment is the balance when it posts), writes the entry unposted with its legs, and
posts it. Posting makes the database add the legs to ``MonthTotal`` (migration ``0002``).

``actor=None`` is the system (a month's user-charge share posted by a job): no capability is
asked of it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.core.formatting import format_date, format_rupees
from degs.core.permissions import require_capability
from degs.core.text import clean_paragraphs, clean_text
from degs.directory.models import Area
from degs.finance.choices import AccountKind, EntryKind
from degs.finance.models import Account, Book, Entry, FundHead, MonthClose
from degs.finance.selectors.ledger import head_balance, last_closed_month, month_start

POST = "finance.post"
CLOSE = "finance.close"

LegSpec = tuple[Account, FundHead, int]

NO_BOOK = _("The fund's book of %(district)s is not opened yet.")
TOO_FEW_LEGS = _("An entry has at least two lines.")
ZERO_LEG = _("Line %(line)s has no amount: each line is a debit or a credit.")
OTHER_DISTRICT = _("Fund head “%(head)s” is not of this society.")
HEAD_INACTIVE = _("Fund head “%(head)s” is no longer in use.")
UNBALANCED = _(
    "The lines of fund head “%(head)s” do not balance: debits %(debit)s, credits %(credit)s."
)
FUTURE = _("The date %(date)s is in the future.")
CLOSED = _("%(month)s is closed: an entry is dated after %(month)s.")
NOT_ENOUGH = _("%(head)s has %(balance)s; this payment is %(amount)s.")
NOT_POSTED = _("Only a posted entry is reversed.")
ALREADY_REVERSED = _("Entry no. %(number)s was already reversed by entry no. %(by)s.")
REVERSAL_NOT_REVERSED = _(
    "A reversal is not reversed itself: post the entry again instead (entry no. %(number)s)."
)
REASON_NEEDED = _("Give the reason for the reversal.")
NARRATION_NEEDED = _("Write the narration: what the entry is for.")
MONTH_NOT_OVER = _("%(month)s is not over yet: a month is closed after its last day.")
MONTH_ALREADY_CLOSED = _("%(month)s is already closed (months up to %(last)s are).")
MONTH_UNPOSTED = _("%(month)s has entries not posted; post or delete them first.")
UNKNOWN_LINE = _("Line %(line)s names an account or a fund head this society does not have.")
HEAD_CODE_TAKEN = _("This society already has a fund head with code “%(code)s”.")


def _month_label(month: dt.date) -> str:
    return month.strftime("%m-%Y")


# --- the book and its fund heads -------------------------------------------------------------

# The chart of accounts, as migration 0003_chart writes it (that copy is frozen with the
# migration; this one puts back an account a test database's flush removed).
CHART = [
    ("1100", "Bank", "बैंक", AccountKind.ASSET, True),
    ("1200", "Cash", "नकद", AccountKind.ASSET, True),
    ("1300", "Advances", "अग्रिम", AccountKind.ASSET, False),
    ("2100", "Amounts payable", "देय राशि", AccountKind.LIABILITY, False),
    ("3000", "Fund", "निधि", AccountKind.FUND, False),
    (
        "4100",
        "User charges (DeGS share)",
        "उपयोगकर्ता शुल्क (सोसाइटी का अंश)",
        AccountKind.INCOME,
        False,
    ),
    ("4200", "Grants received", "प्राप्त अनुदान", AccountKind.INCOME, False),
    ("4300", "Interest", "ब्याज", AccountKind.INCOME, False),
    ("5100", "Equipment", "उपकरण", AccountKind.EXPENSE, False),
    ("5200", "Maintenance and repair", "रखरखाव और मरम्मत", AccountKind.EXPENSE, False),
    ("5300", "Office expenses", "कार्यालय व्यय", AccountKind.EXPENSE, False),
]


def chart_ensure() -> dict[str, Account]:
    """The chart's accounts by code (any missing one added as the migration has it)."""
    accounts = {account.code: account for account in Account.objects.all()}
    for code, name, name_hi, kind, money in CHART:
        if code not in accounts:
            accounts[code] = Account.objects.create(
                code=code, name=name, name_hi=name_hi, kind=kind, is_money=money
            )
    return accounts


def book_open(*, actor: Any, district: Area, society: str, society_hi: str = "") -> Book:
    """The district's book, opened if it is not (its names updated if it is). The chart of
    accounts is the same for every society and is made by migration ``0003_chart``; fund heads
    are added by ``fund_head_add`` (none by default: each society has its own)."""
    if actor is not None:
        require_capability(actor, CLOSE, district)
    society = clean_text(society)
    if not society:
        raise ValidationError({"society": _("Give the society's name.")})
    chart_ensure()
    book, created = Book.objects.get_or_create(
        district=district, defaults={"society": society, "society_hi": clean_text(society_hi)}
    )
    if not created and (book.society, book.society_hi) != (society, clean_text(society_hi)):
        book.society, book.society_hi = society, clean_text(society_hi)
        book.save(update_fields=["society", "society_hi"])
    return book


def fund_head_add(
    *, actor: Any, district: Area, code: str, name: str, name_hi: str = ""
) -> FundHead:
    if actor is not None:
        require_capability(actor, CLOSE, district)
    code = clean_text(code).lower()
    if FundHead.objects.filter(district=district, code=code).exists():
        raise ValidationError({"code": HEAD_CODE_TAKEN % {"code": code}})
    head = FundHead(
        district=district, code=code, name=clean_text(name), name_hi=clean_text(name_hi)
    )
    head.full_clean()
    head.save()
    return head


def fund_head_edit(
    *, actor: Any, head: FundHead, name: str, name_hi: str = "", is_active: bool = True
) -> FundHead:
    """A head's names and whether it is in use (a head with entries is never deleted: an
    inactive one takes no new postings but its entries and balance stay)."""
    if actor is not None:
        require_capability(actor, CLOSE, head.district)
    head.name, head.name_hi, head.is_active = clean_text(name), clean_text(name_hi), is_active
    head.full_clean()
    head.save(update_fields=["name", "name_hi", "is_active", "updated_at"])
    return head


# --- posting ---------------------------------------------------------------------------------


def _check_legs(district: Area, legs: Sequence[LegSpec], *, new: bool) -> None:
    if len(legs) < 2:
        raise ValidationError(TOO_FEW_LEGS)
    debits: dict[int, int] = defaultdict(int)
    credits: dict[int, int] = defaultdict(int)
    heads: dict[int, FundHead] = {}
    for line, (_account, head, amount) in enumerate(legs, start=1):
        if not amount:
            raise ValidationError(ZERO_LEG % {"line": line})
        if head.district_id != district.pk:
            raise ValidationError(OTHER_DISTRICT % {"head": head.label})
        if new and not head.is_active:
            raise ValidationError(HEAD_INACTIVE % {"head": head.label})
        heads[head.pk] = head
        if amount > 0:
            debits[head.pk] += amount
        else:
            credits[head.pk] -= amount
    for pk, head in heads.items():
        if debits[pk] != credits[pk]:
            raise ValidationError(
                UNBALANCED
                % {
                    "head": head.label,
                    "debit": format_rupees(paise=debits[pk]),
                    "credit": format_rupees(paise=credits[pk]),
                }
            )


def _check_future(date: dt.date) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": FUTURE % {"date": format_date(date)}})


def _check_date(book: Book, date: dt.date) -> None:
    """Not in the future, not in or before the latest closed month (read with the book under
    its lock: ``month_close`` takes it too)."""
    _check_future(date)
    closed = book.closed  # type: ignore[attr-defined]
    if closed is not None and month_start(date) <= closed:
        raise ValidationError({"date": CLOSED % {"month": _month_label(closed)}})


def _check_money(legs: Sequence[LegSpec]) -> None:
    """Refuse an entry that takes a head's bank and cash below zero (read under the book's
    lock, so two payments at once cannot both pass)."""
    change: dict[int, int] = defaultdict(int)
    heads: dict[int, FundHead] = {}
    for account, head, amount in legs:
        if account.is_money:
            change[head.pk] += amount
            heads[head.pk] = head
    for pk, delta in change.items():
        if delta >= 0:
            continue
        balance = head_balance(heads[pk])
        if balance + delta < 0:
            raise ValidationError(
                NOT_ENOUGH
                % {
                    "head": heads[pk].label,
                    "balance": format_rupees(paise=balance),
                    "amount": format_rupees(paise=-delta),
                }
            )


_LOCK_BOOK = (
    "SELECT id, last_number, society,"
    " (SELECT MAX(month) FROM finance_monthclose WHERE district_id = %s)"
    " FROM finance_book WHERE district_id = %s"
)


def _locked_book(district: Area) -> Book:
    """The district's book under a row lock (``FOR UPDATE`` where the database has it; SQLite
    writes one transaction at a time anyway), with ``closed``, the latest closed month, read in
    the same statement (plain SQL: every posting takes this path first)."""
    sql = _LOCK_BOOK + (" FOR UPDATE" if connection.features.has_select_for_update else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, [district.pk, district.pk])
        row = cursor.fetchone()
    if row is None:
        raise ValidationError(NO_BOOK % {"district": district.label})
    book = Book(pk=row[0], district=district, last_number=row[1], society=row[2])
    book._state.adding = False
    closed = row[3]
    book.closed = dt.date.fromisoformat(closed) if isinstance(closed, str) else closed  # type: ignore[attr-defined]
    return book


_INSERT_ENTRY = (
    "INSERT INTO finance_entry (district_id, number, date, kind, narration, party, reference,"
    " sanction_id, procurement_id, ticket_id, reverses_id, source_key, posted)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id"
)
_INSERT_LEG = (
    "INSERT INTO finance_leg (entry_id, account_id, head_id, amount_paise) VALUES (%s, %s, %s, %s)"
)
_POST = "UPDATE finance_entry SET posted = %s, posted_at = %s, posted_by_id = %s WHERE id = %s"
_NUMBER = "UPDATE finance_book SET last_number = %s WHERE id = %s"


def _write(
    book: Book,
    *,
    actor: Any,
    district: Area,
    date: dt.date,
    kind: str,
    narration: str,
    legs: Sequence[LegSpec],
    party: str = "",
    reference: str = "",
    sanction: Any = None,
    procurement: Any = None,
    ticket: Any = None,
    reverses: Entry | None = None,
    source_key: str = "",
) -> Entry:
    """Number, write unposted, add the legs, post (the database checks the balance and adds
    the month totals as ``posted`` turns true).

    Written in plain SQL, five statements: this is the one path every posting takes (a month's
    receipts, a test of ten thousand), and the ORM's cost per statement was most of its time.
    The rows are the same the ORM would write (the model's columns; the triggers see no
    difference)."""
    book.last_number += 1
    ops = connection.ops
    now = timezone.now()
    posted_by = actor if actor is not None and actor.pk else None
    ids = [getattr(row, "pk", None) for row in (sanction, procurement, ticket, reverses)]
    with connection.cursor() as cursor:
        cursor.execute(_NUMBER, [book.last_number, book.pk])
        cursor.execute(
            _INSERT_ENTRY,
            [
                district.pk,
                book.last_number,
                ops.adapt_datefield_value(date),
                kind,
                narration,
                party,
                reference,
                *ids,
                source_key,
                False,
            ],
        )
        pk = cursor.fetchone()[0]
        cursor.executemany(_INSERT_LEG, [(pk, a.pk, h.pk, amount) for a, h, amount in legs])
        cursor.execute(
            _POST,
            [True, ops.adapt_datetimefield_value(now), getattr(posted_by, "pk", None), pk],
        )
    entry = Entry(
        pk=pk,
        district=district,
        number=book.last_number,
        date=date,
        kind=kind,
        narration=narration,
        party=party,
        reference=reference,
        sanction=sanction,
        procurement=procurement,
        ticket=ticket,
        reverses=reverses,
        source_key=source_key,
        posted=True,
        posted_at=now,
        posted_by=posted_by,
    )
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


def entry_post(
    *,
    actor: Any,
    district: Area,
    date: dt.date,
    kind: str,
    narration: str,
    legs: Iterable[LegSpec],
    party: str = "",
    reference: str = "",
    sanction: Any = None,
    procurement: Any = None,
    ticket: Any = None,
    source_key: str = "",
    check_balance: bool = True,
) -> Entry:
    """Post an entry of ``district``'s book dated ``date``. ``legs`` are (account, head,
    paise): debit positive, credit negative, balancing for each head. A ``source_key`` seen
    before returns the entry it made and writes nothing. ``check_balance`` refuses an entry
    that takes a head's bank and cash below zero, naming the head's balance."""
    if actor is not None:
        require_capability(actor, POST, district)
    legs = list(legs)
    if kind not in EntryKind.values or kind == EntryKind.REVERSAL:
        raise ValidationError({"kind": _("Choose the kind of entry.")})
    narration = clean_paragraphs(narration)
    if not narration:
        raise ValidationError({"narration": NARRATION_NEEDED})
    source_key = source_key.strip()
    if source_key:
        done = Entry.objects.filter(district=district, source_key=source_key).first()
        if done is not None:
            return done
    _check_legs(district, legs, new=True)
    _check_future(date)
    with transaction.atomic():
        book = _locked_book(district)
        if source_key:
            done = Entry.objects.filter(district=district, source_key=source_key).first()
            if done is not None:
                return done
        _check_date(book, date)
        if check_balance:
            _check_money(legs)
        return _write(
            book,
            actor=actor,
            district=district,
            date=date,
            kind=kind,
            narration=narration,
            legs=legs,
            party=clean_text(party),
            reference=clean_text(reference),
            sanction=sanction,
            procurement=procurement,
            ticket=ticket,
            source_key=source_key,
        )


def entry_reverse(
    *,
    actor: Any,
    entry: Entry,
    date: dt.date | None = None,
    reason: str,
    check_balance: bool = True,
) -> Entry:
    """Undo a posted entry by a new one with its legs negated (kind "reversal", ``reverses``
    set; the narration is the reason). Dated ``date`` or today; a given date in a closed month
    is refused, and since only ended months close, today is always open — so an entry of a
    closed month is reversed in the open month. An entry is reversed once: a second reversal,
    even at the same moment, is refused naming the first."""
    district = entry.district
    if actor is not None:
        require_capability(actor, POST, district)
    reason = clean_paragraphs(reason)
    if not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    date = date or timezone.localdate()
    _check_future(date)
    with transaction.atomic():
        book = _locked_book(district)
        _check_date(book, date)
        original = Entry.objects.get(pk=entry.pk)
        if not original.posted:
            raise ValidationError(NOT_POSTED)
        if original.kind == EntryKind.REVERSAL:
            raise ValidationError(REVERSAL_NOT_REVERSED % {"number": original.number})
        done = Entry.objects.filter(reverses=original).first()
        if done is not None:
            raise ValidationError(ALREADY_REVERSED % {"number": original.number, "by": done.number})
        _check_date(book, date)
        legs = [
            (leg.account, leg.head, -leg.amount_paise)
            for leg in original.legs.select_related("account", "head")
        ]
        if check_balance:
            _check_money(legs)
        return _write(
            book,
            actor=actor,
            district=district,
            date=date,
            kind=EntryKind.REVERSAL,
            narration=reason,
            legs=legs,
            party=original.party,
            reference=original.reference,
            sanction=original.sanction,
            procurement=original.procurement,
            ticket=original.ticket,
            reverses=original,
        )


# --- month close -----------------------------------------------------------------------------


def month_close(*, actor: Any, district: Area, month: dt.date) -> MonthClose:
    """Close ``month`` (any day of it) of ``district``'s book: no entry is dated in it or
    before it afterwards. Closing a month closes every month before it too (they need not be
    closed one by one: the latest closed month is the line). Refused for a month not over yet,
    a month already closed (or before the latest closed one) and while an entry of it or before
    it is unposted."""
    if actor is not None:
        require_capability(actor, CLOSE, district)
    month = month_start(month)
    if month >= month_start(timezone.localdate()):
        raise ValidationError({"month": MONTH_NOT_OVER % {"month": _month_label(month)}})
    with transaction.atomic():
        _locked_book(district)
        last = last_closed_month(district)
        if last is not None and month <= last:
            raise ValidationError(
                {
                    "month": MONTH_ALREADY_CLOSED
                    % {"month": _month_label(month), "last": _month_label(last)}
                }
            )
        following = (month + dt.timedelta(days=32)).replace(day=1)
        if Entry.objects.filter(district=district, posted=False, date__lt=following).exists():
            raise ValidationError({"month": MONTH_UNPOSTED % {"month": _month_label(month)}})
        return MonthClose.objects.create(
            district=district, month=month, closed_by=actor if actor is not None else None
        )
