"""The assets app's workflows as data (degs.core.workflow): an asset's life, a ticket's and a
procurement case's. ``docs/assets.md`` prints the three tables; the pages draw their buttons
from them.

Who may act is a part the actor plays over the row's area:

- ``manager``: holds ``assets.manage`` there (the DIO, EDM, district administration);
- ``servicer``: holds ``assets.service`` there (the engineer or vendor's person who repairs);
- ``reporter``: holds ``assets.report`` there (the office that has the equipment).

Steps with no part are taken by the system (``actor=None``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from degs.assets.choices import AssetStatus as A
from degs.assets.choices import CaseStatus as C
from degs.assets.choices import TicketStatus as T
from degs.assets.models import (
    Asset,
    AssetEvent,
    CaseEvent,
    ProcurementCase,
    Ticket,
    TicketEvent,
)
from degs.core.permissions import user_can
from degs.core.workflow import Transition, Workflow

MANAGER = "manager"
SERVICER = "servicer"
REPORTER = "reporter"

MANAGE = "assets.manage"
SERVICE = "assets.service"
REPORT = "assets.report"


def _parts(actor: Any, area: Any) -> Iterable[str]:
    manages = user_can(actor, MANAGE, area)
    if manages:
        yield MANAGER
    if manages or user_can(actor, SERVICE, area):
        yield SERVICER
    if manages or user_can(actor, REPORT, area):
        yield REPORTER


def asset_parts(actor: Any, asset: Asset) -> Iterable[str]:
    return _parts(actor, asset.area)


def ticket_parts(actor: Any, ticket: Ticket) -> Iterable[str]:
    return _parts(actor, ticket.area)


def case_parts(actor: Any, case: ProcurementCase) -> Iterable[str]:
    return _parts(actor, case.area)


ASSETS = Workflow(
    "asset",
    (
        Transition("issue", (A.IN_STORE,), A.ISSUED, _("Issue"), frozenset({MANAGER})),
        Transition(
            "store", (A.ISSUED,), A.IN_STORE, _("Take back into store"), frozenset({MANAGER})
        ),
        Transition(
            "repair",
            (A.IN_STORE, A.ISSUED),
            A.UNDER_REPAIR,
            _("Send for repair"),
            frozenset({MANAGER, SERVICER}),
            style="warning",
        ),
        Transition(
            "repaired",
            (A.UNDER_REPAIR,),
            A.ISSUED,
            _("Repaired, back in use"),
            frozenset({MANAGER, SERVICER}),
        ),
        Transition(
            "repaired_to_store",
            (A.UNDER_REPAIR,),
            A.IN_STORE,
            _("Repaired, into store"),
            frozenset({MANAGER, SERVICER}),
            style="secondary",
        ),
        Transition(
            "condemn",
            (A.IN_STORE, A.ISSUED, A.UNDER_REPAIR),
            A.CONDEMNED,
            _("Condemn"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="danger",
        ),
        Transition(
            "dispose",
            (A.CONDEMNED,),
            A.DISPOSED,
            _("Dispose of"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="danger",
        ),
    ),
    model=Asset,
    event_model=AssetEvent,
    parts=asset_parts,
    lock_related=("area", "office", "model"),
    statuses=A,
    doc="assets.md",
    refusal=_("An asset that is “%(status)s” cannot be changed this way."),
)


TICKETS = Workflow(
    "ticket",
    (
        Transition("own", (T.OPEN,), T.OWNED, _("Take it on"), frozenset({SERVICER})),
        Transition(
            "resolve",
            (T.OPEN, T.OWNED),
            T.RESOLVED,
            _("Resolved"),
            frozenset({SERVICER}),
            needs_remark=True,
        ),
        Transition(
            "reopen",
            (T.RESOLVED,),
            T.OWNED,
            _("Not resolved: reopen"),
            frozenset({REPORTER}),
            needs_remark=True,
            style="warning",
        ),
        Transition("close", (T.RESOLVED,), T.CLOSED, _("Close"), frozenset({REPORTER})),
        Transition(
            "cancel",
            (T.OPEN, T.OWNED),
            T.CANCELLED,
            _("Cancel"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="secondary",
        ),
    ),
    model=Ticket,
    event_model=TicketEvent,
    parts=ticket_parts,
    lock_related=("area", "priority"),
    statuses=T,
    doc="assets.md",
    refusal=_("A ticket that is “%(status)s” cannot be changed this way."),
    remark_message=_("Say what was done."),
)


CASES = Workflow(
    "procurement",
    (
        Transition(
            "sanction", (C.NEED,), C.SANCTIONED, _("Record the sanction"), frozenset({MANAGER})
        ),
        Transition(
            "order", (C.SANCTIONED,), C.ORDERED, _("Record the order"), frozenset({MANAGER})
        ),
        Transition(
            "deliver", (C.ORDERED,), C.DELIVERED, _("Record the delivery"), frozenset({MANAGER})
        ),
        Transition("close", (C.DELIVERED,), C.CLOSED, _("Close"), frozenset({MANAGER})),
        Transition(
            "cancel",
            (C.NEED, C.SANCTIONED, C.ORDERED),
            C.CANCELLED,
            _("Cancel"),
            frozenset({MANAGER}),
            needs_remark=True,
            style="danger",
        ),
    ),
    model=ProcurementCase,
    event_model=CaseEvent,
    parts=case_parts,
    lock_related=("area",),
    statuses=C,
    doc="assets.md",
    refusal=_("A procurement case that is “%(status)s” cannot be changed this way."),
)
