"""Writes of the payments part: money paid out of the society's bank under a head, against a
sanction, a procurement case (ordered or delivered; in all at most its order value), a ticket
(resolved or closed, with a cost; in all at most that cost) or nothing (office expenses).

A payment is one entry posted by ``ledger.entry_post`` (Dr the expense account, Cr bank, one
head); the ledger refuses a payment beyond the head's balance, naming it. A payment against a
case or a ticket carries the version of the case or ticket the payer saw: the row is locked,
its version checked (someone else's payment or change in between is refused with their name
and time), a "paid" event recorded on it and its version moved on, in the payment's
transaction. So two people paying the same thing at once make one payment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from degs.assets.models import ProcurementCase, Ticket
from degs.assets.workflow import CASES, TICKETS
from degs.core.bilingual import sentence
from degs.core.formatting import format_rupees
from degs.core.permissions import require_capability
from degs.core.scoping import district_path
from degs.core.text import clean_paragraphs, clean_text
from degs.core.workflow import check_version, lock, record_change
from degs.directory.models import Area
from degs.finance.choices import AccountKind, EntryKind
from degs.finance.models import Account, Entry, FundHead, Sanction
from degs.finance.selectors import payments as selectors
from degs.finance.services.ledger import entry_post

BANK = "1100"
PAYABLE_CASES = selectors.PAYABLE_CASES
PAYABLE_TICKETS = selectors.PAYABLE_TICKETS


def _paid_event(workflow: Any, row: Any, *, actor: Any, entry: Entry, amount_paise: int) -> None:
    record_change(
        workflow,
        row,
        actor=actor,
        action="paid",
        remark=sentence(
            _("Paid %(amount)s (fund entry %(number)s)."),
            {"amount": format_rupees(paise=amount_paise), "number": entry.number},
        ),
        data={"entry": entry.pk, "number": entry.number, "amount_paise": amount_paise},
    )
    type(row)._default_manager.filter(pk=row.pk).update(version=F("version") + 1)


def _over(what: Any, paid: int, limit: int, amount: int) -> ValidationError:
    return ValidationError(
        {
            "amount_paise": _(
                "%(paid)s has been paid against %(what)s of %(limit)s; at most %(left)s more "
                "can be paid, not %(amount)s."
            )
            % {
                "paid": format_rupees(paise=paid),
                "what": what,
                "limit": format_rupees(paise=limit),
                "left": format_rupees(paise=max(limit - paid, 0)),
                "amount": format_rupees(paise=amount),
            }
        }
    )


@transaction.atomic
def payment_make(
    *,
    actor: Any,
    district: Area,
    head: FundHead,
    expense: Account,
    date: dt.date,
    amount_paise: int,
    payee: str,
    reference: str = "",
    narration: str = "",
    sanction: Sanction | None = None,
    procurement: ProcurementCase | None = None,
    ticket: Ticket | None = None,
    version: int | None = None,
    source_key: str = "",
) -> Entry:
    """Pay ``amount_paise`` to ``payee`` out of ``head`` (Dr ``expense``, Cr bank), against at
    most one of a sanction, a procurement case or a ticket. ``version``: the case's or
    ticket's version the payer saw. ``source_key``: the form's token (a second submit of the
    same form returns the first payment)."""
    require_capability(actor, "finance.post", district)
    if amount_paise is None or amount_paise <= 0:
        raise ValidationError({"amount_paise": _("The amount must be more than zero.")})
    if sum(x is not None for x in (sanction, procurement, ticket)) > 1:
        raise ValidationError(_("A payment is against one thing at most."))
    if head.district_id != district.pk:
        raise ValidationError({"head": _("Choose a head of this district's fund.")})
    if expense.kind != AccountKind.EXPENSE:
        raise ValidationError({"expense": _("Choose an account of expenditure.")})
    key = f"form:{source_key}" if source_key else ""
    if key:
        existing = Entry.objects.filter(district=district, source_key=key).first()
        if existing is not None:
            return existing
    paid_on: tuple[Any, Any] | None = None
    if sanction is not None:
        if sanction.district_id != district.pk:
            raise ValidationError({"sanction": _("Choose a sanction of this district.")})
        if sanction.head_id != head.pk:
            raise ValidationError(
                {"head": _("A payment against a sanction is made from the sanction's head.")}
            )
    if procurement is not None:
        case = lock(CASES, procurement)
        check_version(CASES, case, version)
        if case.area_id != district.pk:
            raise ValidationError({"procurement": _("Choose a case of this district.")})
        if case.status not in PAYABLE_CASES:
            raise ValidationError(
                {"procurement": _("Only an ordered or delivered case is paid for.")}
            )
        if not case.order_paise:
            raise ValidationError({"procurement": _("The case has no order value.")})
        paid = selectors.paid_against(case)
        if paid + amount_paise > case.order_paise:
            raise _over(_("the order"), paid, case.order_paise, amount_paise)
        procurement, paid_on = case, (CASES, case)
    if ticket is not None:
        locked = lock(TICKETS, ticket)
        check_version(TICKETS, locked, version)
        if district_path(locked.area.path) != district.path:
            raise ValidationError({"ticket": _("Choose a ticket of this district.")})
        if locked.status not in PAYABLE_TICKETS or locked.cost_paise is None:
            raise ValidationError(
                {"ticket": _("Only a resolved or closed ticket with a cost is paid for.")}
            )
        paid = selectors.paid_against(locked)
        if paid + amount_paise > locked.cost_paise:
            raise _over(_("the ticket's cost"), paid, locked.cost_paise, amount_paise)
        ticket, paid_on = locked, (TICKETS, locked)
    entry = entry_post(
        actor=actor,
        district=district,
        date=date,
        kind=EntryKind.PAYMENT,
        narration=clean_paragraphs(narration) or f"Paid to {clean_text(payee)}",
        legs=[
            (expense, head, amount_paise),
            (Account.objects.get(code=BANK), head, -amount_paise),
        ],
        party=clean_text(payee),
        reference=clean_text(reference),
        sanction=sanction,
        procurement=procurement,
        ticket=ticket,
        source_key=key,
    )
    if paid_on is not None:
        _paid_event(paid_on[0], paid_on[1], actor=actor, entry=entry, amount_paise=amount_paise)
    return entry
