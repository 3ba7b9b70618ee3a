"""The finance demo's receipts and payments part (after the ledger's): Jamtara's society
receives its share of the user charges of every month the applications demo filed in (the
notes' "redistribution, distribution and use of the share of user charges"), a state grant
sanctioned for the blocks' video-conference rooms with a part received, and the bank's
interest; it pays the projectors the procurement demo delivered (from the grant), a repair
ticket's cost when the tickets demo has one, office expenses, and an internet bill paid by
mistake and reversed. No head goes below zero and the trial balance is zero.

Each receipt and payment carries a ``source_key`` of its own (``demo:…``) and a sanction is
found by its letter number, so a second load posts nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.accounts.models import User
from degs.assets.models import ProcurementCase, Ticket
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.finance.models import Account, Book, Entry, FundHead, Sanction
from degs.finance.selectors import payments as payment_selectors
from degs.finance.selectors import receipts as selectors
from degs.finance.selectors.ledger import head_balance, last_closed_month
from degs.finance.services import ledger
from degs.finance.services import payments as payments
from degs.finance.services import receipts as services

ACTOR = "dio.jamtara"  # keeps the sanctions (finance.close)
ACCOUNTANT = "accountant.jamtara"  # posts receipts and payments, when the accounts demo has one
PROJECTORS = "Projectors for the video-conference rooms of the blocks"  # the procurement demo's
SANCTION = "JAP-IT/DeGS/2026/117"


def _open_day(district: Area, wanted: dt.date) -> dt.date:
    """``wanted``, or today when the ledger demo closed its month."""
    closed = last_closed_month(district)
    if closed is not None and wanted.replace(day=1) <= closed:
        return timezone.localdate()
    return min(wanted, timezone.localdate())


def _head(actor: Any, district: Area, code: str, name: str, name_hi: str) -> FundHead:
    head = FundHead.objects.filter(district=district, code=code).first()
    return head or ledger.fund_head_add(
        actor=actor, district=district, code=code, name=name, name_hi=name_hi
    )


def _done(district: Area, key: str) -> Entry | None:
    return Entry.objects.filter(district=district, source_key=f"form:demo:{key}").first()


def load() -> list[str]:
    district = Area.objects.filter(kind=AreaKind.DISTRICT, name="Jamtara").first()
    officer = User.objects.filter(username=ACTOR).first()
    if district is None or officer is None:
        return []
    actor = User.objects.filter(username=ACCOUNTANT).first() or officer
    lines: list[str] = []
    today = timezone.localdate()
    if not Book.objects.filter(district=district).exists():
        ledger.book_open(
            actor=actor,
            district=district,
            society="District e-Governance Society, Jamtara",
            society_hi="जिला ई-गवर्नेंस सोसाइटी, जामताड़ा",
        )
    # the ledger demo's heads when it made them (e-District user charges, the state IT grant)
    uc = services.user_charges_head(district) or _head(
        actor, district, services.USER_CHARGES_HEAD, "User charges", "उपयोगकर्ता शुल्क"
    )
    grant = FundHead.objects.filter(district=district, code="state-it-grant").first() or _head(
        actor, district, "grant", "State grant", "राज्य अनुदान"
    )

    # the share of user charges of every month that is over (as the month-end job posts it)
    received = 0
    for row in selectors.user_charges_months(user=None, district=district):
        if row.entry is None and row.due > 0 and selectors.month_end(row.month) < today:
            try:
                services.user_charges_receive(actor=None, district=district, month=row.month)
            except ValidationError:
                continue  # a month the ledger demo closed before it was received
            received += 1
    if received:
        lines.append(f"Fund: Jamtara's share of user charges received, months: {received}")

    # a state grant, sanctioned and received in part
    sanction = Sanction.objects.filter(district=district, number=SANCTION).first()
    if sanction is None:
        sanction = services.sanction_create(
            actor=officer,
            district=district,
            head=grant,
            number=SANCTION,
            date=today - dt.timedelta(days=90),
            grantor="Department of Information Technology & e-Governance, Jharkhand",
            amount_paise=5_00_000_00,
            purpose="Video-conference rooms and projectors in the blocks of Jamtara",
        )
        lines.append(f"Fund: sanction {SANCTION} (₹5,00,000)")
    if not _done(district, "grant-1"):
        services.grant_receive(
            actor=actor,
            sanction=sanction,
            date=_open_day(district, today - dt.timedelta(days=80)),
            amount_paise=3_00_000_00,
            reference="PFMS JH2026DEGS000117",
            source_key="demo:grant-1",
        )
        lines.append("Fund: ₹3,00,000 received against the sanction")
    if not _done(district, "interest-1"):
        services.interest_receive(
            actor=actor,
            head=grant,
            date=_open_day(district, today - dt.timedelta(days=20)),
            amount_paise=1_845_00,
            reference="SB interest, quarter",
            source_key="demo:interest-1",
        )

    # payments
    case = ProcurementCase.objects.filter(area=district, title=PROJECTORS).first()
    if (
        case is not None
        and case.status in payment_selectors.PAYABLE_CASES
        and case.order_paise
        and not _done(district, "projectors")
    ):
        left = case.order_paise - payment_selectors.paid_against(case)
        if 0 < left <= head_balance(grant):
            payments.payment_make(
                actor=actor,
                district=district,
                head=grant,
                expense=Account.objects.get(code="5100"),
                date=_open_day(district, today - dt.timedelta(days=15)),
                amount_paise=left,
                payee=str(case.supplier or "Supplier"),
                reference=f"PFMS against {case.order_number}",
                procurement=case,
                version=case.version,
                source_key="demo:projectors",
            )
            lines.append("Fund: the projectors' order paid from the state grant")
    ticket = (
        Ticket.objects.filter(
            area__path__startswith=district.path,
            status__in=payment_selectors.PAYABLE_TICKETS,
            cost_paise__gt=0,
        )
        .order_by("pk")
        .first()
    )
    if ticket is not None and not _done(district, "repair"):
        left = (ticket.cost_paise or 0) - payment_selectors.paid_against(ticket)
        if 0 < left <= head_balance(grant):
            payments.payment_make(
                actor=actor,
                district=district,
                head=grant,
                expense=Account.objects.get(code="5200"),
                date=_open_day(district, today - dt.timedelta(days=5)),
                amount_paise=left,
                payee=str(ticket.vendor or "Repairer"),
                reference="CHQ 004511",
                ticket=ticket,
                version=ticket.version,
                source_key="demo:repair",
            )
            lines.append(f"Fund: repair ticket #{ticket.pk} paid")
    office = Account.objects.get(code="5300")
    office_paid = False
    for key, paise, payee, narration in (
        ("office-1", 4_720_00, "Shree Stationers, Jamtara", "Printer toner and paper"),
        ("internet", 2_360_00, "BSNL, Dumka", "Internet bill of the e-Governance cell"),
    ):
        head = uc if head_balance(uc) >= paise else grant
        if _done(district, key) or head_balance(head) < paise:
            continue
        entry = payments.payment_make(
            actor=actor,
            district=district,
            head=head,
            expense=office,
            date=_open_day(district, today - dt.timedelta(days=10)),
            amount_paise=paise,
            payee=payee,
            narration=narration,
            reference="CHQ 004512" if key == "office-1" else "NEFT 2026-0093",
            source_key=f"demo:{key}",
        )
        office_paid = True
        if key == "internet":  # the bill had been paid already: a mistake, reversed
            ledger.entry_reverse(
                actor=actor, entry=entry, reason="Paid twice by mistake: the bill was paid already"
            )
    if office_paid:
        lines.append("Fund: office expenses paid; a payment made twice reversed")
    return lines
