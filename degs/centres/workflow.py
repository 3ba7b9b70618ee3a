"""The centre status workflow as data: which status may follow which, and what it needs.

``docs/centres.md`` prints this table; the centre page draws its buttons from it. Every change
needs an effective date and a reason; an order reference is asked for and kept when given.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.centres.choices import CentreStatus as S
from degs.centres.choices import IdStatus


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    label: Promise
    style: str = "primary"


CENTRE_TRANSITIONS: tuple[Transition, ...] = (
    Transition("activate", (S.PROPOSED,), S.ACTIVE, _("Activate")),
    Transition("suspend", (S.ACTIVE,), S.SUSPENDED, _("Suspend"), "warning"),
    Transition("restore", (S.SUSPENDED,), S.ACTIVE, _("Restore")),
    Transition("close", (S.PROPOSED, S.ACTIVE, S.SUSPENDED), S.CLOSED, _("Close"), "danger"),
    Transition("reopen", (S.CLOSED,), S.PROPOSED, _("Reopen as proposed"), "secondary"),
)

BY_ACTION = {t.action: t for t in CENTRE_TRANSITIONS}


def centre_transition_for(status: str, action: str) -> Transition | None:
    """The transition ``action`` from ``status``, or None if the table does not allow it."""
    transition = BY_ACTION.get(action)
    if transition is None or status not in transition.sources:
        return None
    return transition


def centre_actions(status: str) -> list[Transition]:
    """The changes a manager may make to a centre in ``status``, in table order."""
    return [t for t in CENTRE_TRANSITIONS if status in t.sources]


# An operator's application for an ID: which status may follow which. A rejected application
# may be made again; an issued ID stays issued.
ID_TRANSITIONS: dict[str, frozenset[str]] = {
    IdStatus.APPLIED: frozenset({IdStatus.UNDER_PROCESS, IdStatus.ISSUED, IdStatus.REJECTED}),
    IdStatus.UNDER_PROCESS: frozenset({IdStatus.ISSUED, IdStatus.REJECTED}),
    IdStatus.REJECTED: frozenset({IdStatus.APPLIED}),
    IdStatus.ISSUED: frozenset(),
}


def id_status_allowed(before: str, after: str) -> bool:
    return after == before or after in ID_TRANSITIONS.get(before, frozenset())
