"""The centres' workflows as data (degs.core.workflow): a centre's status and an operator's ID.

``docs/centres.md`` prints these tables; the centre page draws its buttons from the first, the
inspection page its decision buttons from the last (``decision_buttons``).
Every change of a centre's status needs an effective date and a reason; an order reference is
asked for and kept when given. Only the CSC manager and the district administration change a
centre (``centres.manage``, checked by the service's gate), or the district administration
approving an inspection's recommendation.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from degs.centres.choices import CentreStatus as S
from degs.centres.choices import Decision, IdStatus, Recommendation
from degs.centres.models import Centre, CentreEvent, Inspection, OperatorId
from degs.core.workflow import Transition, Workflow

CENTRE = Workflow(
    "centre",
    (
        Transition("activate", (S.PROPOSED,), S.ACTIVE, _("Activate"), needs_remark=True),
        Transition(
            "suspend", (S.ACTIVE,), S.SUSPENDED, _("Suspend"), needs_remark=True, style="warning"
        ),
        Transition("restore", (S.SUSPENDED,), S.ACTIVE, _("Restore"), needs_remark=True),
        Transition(
            "close",
            (S.PROPOSED, S.ACTIVE, S.SUSPENDED),
            S.CLOSED,
            _("Close"),
            needs_remark=True,
            style="danger",
        ),
        Transition(
            "reopen",
            (S.CLOSED,),
            S.PROPOSED,
            _("Reopen as proposed"),
            needs_remark=True,
            style="secondary",
        ),
    ),
    model=Centre,
    event_model=CentreEvent,
    lock_related=("area",),
    statuses=S,
    doc="centres.md",
    refusal=_("A centre that is “%(status)s” cannot be changed this way."),
    remark_field="reason",
    remark_message=_("Give the reason for this change."),
)

CENTRE_TRANSITIONS: tuple[Transition, ...] = CENTRE.transitions


def centre_transition_for(status: str, action: str) -> Transition | None:
    """The transition ``action`` from ``status``, or None if the table does not allow it."""
    return CENTRE.find(action, status)


def centre_actions(status: str) -> list[Transition]:
    """The changes a manager may make to a centre in ``status``, in table order."""
    return CENTRE.from_status(status)


# An operator's application for an ID. A rejected application may be made again; an issued ID
# stays issued. Its events are the operator's, recorded as "id_changed".
ID = Workflow(
    "operator_id",
    (
        Transition(
            "process", (IdStatus.APPLIED,), IdStatus.UNDER_PROCESS, IdStatus.UNDER_PROCESS.label
        ),
        Transition(
            "issue",
            (IdStatus.APPLIED, IdStatus.UNDER_PROCESS),
            IdStatus.ISSUED,
            IdStatus.ISSUED.label,
            style="success",
        ),
        Transition(
            "reject",
            (IdStatus.APPLIED, IdStatus.UNDER_PROCESS),
            IdStatus.REJECTED,
            IdStatus.REJECTED.label,
            style="danger",
        ),
        Transition(
            "reapply",
            (IdStatus.REJECTED,),
            IdStatus.APPLIED,
            IdStatus.APPLIED.label,
            style="secondary",
        ),
    ),
    model=OperatorId,
    event_model=CentreEvent,
    lock_related=("operator__area", "id_type"),
    statuses=IdStatus,
    doc="centres.md",
    refusal=_("An ID that is “%(before)s” cannot become “%(after)s”."),
    subject=lambda record: record.operator,
    subject_field="operator",
)


def id_step(before: str, after: str) -> Transition | None:
    """The step of the ID table from ``before`` to ``after``, or None."""
    return next((t for t in ID.from_status(before) if t.target == after), None)


def id_status_allowed(before: str, after: str) -> bool:
    """An ID may stay as it is (its details change) or take a step of the table."""
    return after == before or id_step(before, after) is not None


# The district administration's decision on an inspection's recommendation to suspend or close
# (``centres.approve``, checked by the service's gate). Approving writes no event of its own:
# the centre's suspension or closure, which it makes, is the history. Its events are the
# centre's.
DECISION = Workflow(
    "inspection_decision",
    (
        Transition(
            "approve",
            (Decision.PENDING,),
            Decision.APPROVED,
            _("Approve"),
            style="danger",
            writes_event=False,
        ),
        Transition(
            "decline",
            (Decision.PENDING,),
            Decision.REJECTED,
            _("Do not approve"),
            needs_remark=True,
            style="outline-secondary",
        ),
    ),
    model=Inspection,
    event_model=CentreEvent,
    status_field="decision",
    lock_related=("centre__area", "centre__operator"),
    statuses=Decision,
    doc="centres.md",
    refusal=_("This recommendation has already been decided."),
    remark_message=_("Say why the recommendation is not approved."),
    subject=lambda inspection: inspection.centre,
)


# The inspection page's words for a step where they say more than the table's label: approving
# names what it approves (the recommendation, by its code; "" for any other).
DECISION_PAGE_LABELS = {
    "approve": {
        Recommendation.CLOSURE: _("Approve the closure"),
        "": _("Approve the suspension"),
    },
}


class DecisionButton(NamedTuple):
    """One of the inspection page's decision buttons."""

    step: Transition
    # What the page's form posts as ``approve``: "1" approves, "0" does not.
    value: str
    label: str


def decision_buttons(inspection: Inspection, actor: Any) -> list[DecisionButton]:
    """The inspection page's buttons, drawn from ``DECISION``: the steps ``actor`` may take on
    the inspection's recommendation, in table order."""
    buttons = []
    for step in DECISION.available(inspection, actor):
        labels = DECISION_PAGE_LABELS.get(step.action, {})
        label = labels.get(inspection.recommendation, labels.get("", step.title))
        value = "1" if step.target == Decision.APPROVED else "0"
        buttons.append(DecisionButton(step, value, str(label)))
    return buttons
