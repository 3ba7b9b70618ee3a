"""Reads of the payments part: the payments of the society (posted payment entries), what has
been paid against a procurement case or a ticket, and what is left to pay."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum

from degs.assets.choices import CaseStatus, TicketStatus
from degs.assets.models import ProcurementCase, Ticket
from degs.finance.choices import AccountKind, EntryKind
from degs.finance.models import Account, Entry, Leg, Sanction

PAYABLE_CASES = (CaseStatus.ORDERED, CaseStatus.DELIVERED)
PAYABLE_TICKETS = (TicketStatus.RESOLVED, TicketStatus.CLOSED)

AGAINST_FIELDS = {
    ProcurementCase: "procurement",
    Ticket: "ticket",
    Sanction: "sanction",
}


def payment_list(*, user: Any) -> QuerySet[Entry]:
    """The posted payments the user sees (newest first), each with its amount (``amount``:
    the paise paid out of the bank, net of nothing: a reversal is an entry of its own)."""
    return (
        Entry.objects.visible_to(user)
        .filter(posted=True, kind=EntryKind.PAYMENT)
        .select_related("district", "sanction", "procurement", "ticket", "reversed_by")
        .annotate(
            amount=Sum("legs__amount_paise", filter=Q(legs__account__kind=AccountKind.EXPENSE))
        )
        .order_by("-date", "-number")
    )


def _entries_against(obj: Any) -> Q:
    field = AGAINST_FIELDS[type(obj)]
    return Q(**{f"entry__{field}": obj}) | Q(**{f"entry__reverses__{field}": obj})


def paid_against(obj: ProcurementCase | Ticket | Sanction) -> int:
    """Paise paid against a case, a ticket or a sanction: the debits to expenditure of its
    posted payments, less their reversals."""
    total = Leg.objects.filter(
        _entries_against(obj), entry__posted=True, account__kind=AccountKind.EXPENSE
    ).aggregate(total=Sum("amount_paise"))["total"]
    return int(total or 0)


@dataclass
class Paid:
    """What has been paid against a case or a ticket, of how much (``limit``: the order value
    or the ticket's cost; None when not set), and the payments."""

    paid: int
    limit: int | None
    payments: list[Entry]

    @property
    def left(self) -> int | None:
        return None if self.limit is None else self.limit - self.paid


def payments_for(obj: ProcurementCase | Ticket | Sanction) -> Paid:
    """Paid and left on a procurement case (of its order value), a ticket (of its cost) or a
    sanction (of its amount), with the payments (for ``finance/partials/paid.html``)."""
    field = AGAINST_FIELDS[type(obj)]
    payments = list(
        Entry.objects.filter(
            Q(**{field: obj}) | Q(**{f"reverses__{field}": obj}),
            posted=True,
            kind__in=[EntryKind.PAYMENT, EntryKind.REVERSAL],
        )
        .annotate(
            amount=Sum("legs__amount_paise", filter=Q(legs__account__kind=AccountKind.EXPENSE))
        )
        .order_by("date", "number")
    )
    if isinstance(obj, ProcurementCase):
        limit = obj.order_paise
    elif isinstance(obj, Ticket):
        limit = obj.cost_paise
    else:
        limit = obj.amount_paise
    return Paid(paid=paid_against(obj), limit=limit, payments=payments)


def expense_accounts() -> QuerySet[Account]:
    return Account.objects.filter(kind=AccountKind.EXPENSE).order_by("code")


def payable_cases(*, user: Any) -> QuerySet[ProcurementCase]:
    return ProcurementCase.objects.visible_to(user).filter(
        status__in=PAYABLE_CASES, order_paise__isnull=False
    )


def payable_tickets(*, user: Any) -> QuerySet[Ticket]:
    return Ticket.objects.visible_to(user).filter(
        status__in=PAYABLE_TICKETS, cost_paise__isnull=False
    )
