"""The directive and meeting workflows, as the engine runs them (``degs.core.workflow``).

One table each: the services take every status change through ``degs.core.workflow.transition``
with these tables, the pages draw their buttons from them and ``docs/reviews.md`` prints them.
Who may act is named by a part a person plays for the object:

- ``owner``: holds the directive's lead or a supporting post today;
- ``verifier``: manages reviews in the committee's district, or holds the meeting's chair post;
- ``secretary``: holds the committee's secretary post, or manages reviews in its district.

A directive's steps are taken by someone who sees it (the engine checks the reach first); a
meeting's by whoever plays the part the step names (a committee's secretary post may sit outside
the district's offices), as before the engine, so meetings are not ``scoped``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from degs.core.workflow import Transition, Workflow
from degs.reviews.choices import DirectiveStatus as D
from degs.reviews.choices import MeetingStatus as M
from degs.reviews.models import Directive, DirectiveEvent, Meeting, MeetingEvent

OWNER = "owner"
VERIFIER = "verifier"
SECRETARY = "secretary"


def _directive_parts(actor: Any, directive: Directive) -> set[str]:
    from degs.reviews.selectors import directive_parts

    return directive_parts(actor, directive)


def _meeting_parts(actor: Any, meeting: Meeting) -> set[str]:
    from degs.reviews.selectors import meeting_parts

    return meeting_parts(actor, meeting)


DIRECTIVES = Workflow(
    "reviews.directive",
    (
        # Taken by a compliance report (``services.directive_report``): under 100% starts the
        # work, 100% reports it complied.
        Transition(
            "start", (D.OPEN, D.REOPENED), D.IN_PROGRESS, _("Start work"), frozenset({OWNER})
        ),
        Transition(
            "report",
            (D.OPEN, D.IN_PROGRESS, D.REOPENED),
            D.REPORTED,
            _("Report complied"),
            frozenset({OWNER}),
        ),
        Transition("verify", (D.REPORTED,), D.CLOSED, _("Verify and close"), frozenset({VERIFIER})),
        Transition(
            "send_back",
            (D.REPORTED,),
            D.IN_PROGRESS,
            _("Send back"),
            frozenset({VERIFIER}),
            needs_remark=True,
            style="warning",
        ),
        Transition(
            "drop",
            (D.OPEN, D.IN_PROGRESS, D.REPORTED, D.REOPENED),
            D.DROPPED,
            _("Drop"),
            frozenset({VERIFIER}),
            needs_remark=True,
            style="danger",
        ),
        Transition(
            "reopen",
            (D.CLOSED, D.DROPPED),
            D.REOPENED,
            _("Reopen"),
            frozenset({VERIFIER}),
            needs_remark=True,
            style="secondary",
        ),
    ),
    model=Directive,
    event_model=DirectiveEvent,
    parts=_directive_parts,
    lock_related=("meeting__committee__area", "lead_post__area"),
    statuses=D,
    doc="reviews.md",
)

MEETINGS = Workflow(
    "reviews.meeting",
    (
        Transition("hold", (M.SCHEDULED,), M.HELD, _("Mark as held"), frozenset({SECRETARY})),
        Transition(
            "draft_minutes",
            (M.HELD,),
            M.MINUTES_DRAFTED,
            _("Minutes are drafted"),
            frozenset({SECRETARY}),
        ),
        Transition(
            "approve_minutes",
            (M.MINUTES_DRAFTED,),
            M.MINUTES_APPROVED,
            _("Approve the minutes"),
            frozenset({VERIFIER}),
        ),
        Transition(
            "revise_minutes",
            (M.MINUTES_DRAFTED,),
            M.HELD,
            _("Return the minutes for changes"),
            frozenset({VERIFIER}),
            needs_remark=True,
            style="warning",
        ),
    ),
    model=Meeting,
    event_model=MeetingEvent,
    parts=_meeting_parts,
    lock_related=("committee__area",),
    scoped=False,
    statuses=M,
    doc="reviews.md",
)

# The tables themselves (the tests walk every row).
DIRECTIVE_TRANSITIONS = DIRECTIVES.transitions
MEETING_TRANSITIONS = MEETINGS.transitions

# Directives may be recorded while a meeting is held or its minutes are being drafted.
MEETING_OPEN_FOR_DIRECTIVES = (M.HELD, M.MINUTES_DRAFTED)
