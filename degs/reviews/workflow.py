"""The directive and meeting workflows as data: one table each, no ORM, no request.

The services check every change against these tables; the pages draw their buttons from them and
``docs/reviews.md`` prints them. Who may act is named by a part a person plays for the object:

- ``owner``: holds the directive's lead or a supporting post today;
- ``verifier``: manages reviews in the committee's district, or holds the meeting's chair post;
- ``secretary``: holds the committee's secretary post, or manages reviews in its district.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from degs.reviews.choices import DirectiveStatus as D
from degs.reviews.choices import MeetingStatus as M

OWNER = "owner"
VERIFIER = "verifier"
SECRETARY = "secretary"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    parts: frozenset[str]
    label: Promise
    needs_remark: bool = False
    style: str = "primary"


DIRECTIVE_TRANSITIONS: tuple[Transition, ...] = (
    Transition("start", (D.OPEN, D.REOPENED), D.IN_PROGRESS, frozenset({OWNER}), _("Start work")),
    Transition(
        "report",
        (D.OPEN, D.IN_PROGRESS, D.REOPENED),
        D.REPORTED,
        frozenset({OWNER}),
        _("Report complied"),
    ),
    Transition(
        "verify", (D.REPORTED,), D.CLOSED, frozenset({VERIFIER}), _("Verify and close"), False
    ),
    Transition(
        "send_back",
        (D.REPORTED,),
        D.IN_PROGRESS,
        frozenset({VERIFIER}),
        _("Send back"),
        needs_remark=True,
        style="warning",
    ),
    Transition(
        "drop",
        (D.OPEN, D.IN_PROGRESS, D.REPORTED, D.REOPENED),
        D.DROPPED,
        frozenset({VERIFIER}),
        _("Drop"),
        needs_remark=True,
        style="danger",
    ),
    Transition(
        "reopen",
        (D.CLOSED, D.DROPPED),
        D.REOPENED,
        frozenset({VERIFIER}),
        _("Reopen"),
        needs_remark=True,
        style="secondary",
    ),
)

MEETING_TRANSITIONS: tuple[Transition, ...] = (
    Transition("hold", (M.SCHEDULED,), M.HELD, frozenset({SECRETARY}), _("Mark as held")),
    Transition(
        "draft_minutes",
        (M.HELD,),
        M.MINUTES_DRAFTED,
        frozenset({SECRETARY}),
        _("Minutes are drafted"),
    ),
    Transition(
        "approve_minutes",
        (M.MINUTES_DRAFTED,),
        M.MINUTES_APPROVED,
        frozenset({VERIFIER}),
        _("Approve the minutes"),
    ),
    Transition(
        "revise_minutes",
        (M.MINUTES_DRAFTED,),
        M.HELD,
        frozenset({VERIFIER}),
        _("Return the minutes for changes"),
        needs_remark=True,
        style="warning",
    ),
)

# Directives may be recorded while a meeting is held or its minutes are being drafted.
MEETING_OPEN_FOR_DIRECTIVES = (M.HELD, M.MINUTES_DRAFTED)


def find(table: tuple[Transition, ...], action: str) -> Transition | None:
    return next((t for t in table if t.action == action), None)


def allowed(table: tuple[Transition, ...], status: str, parts: set[str]) -> list[Transition]:
    """The actions someone playing ``parts`` may take from ``status``."""
    return [t for t in table if status in t.sources and t.parts & parts]
